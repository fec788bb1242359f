// The set of name words the lists know, in normalised form, for splitting compounds written as one
// word (Kurniasari = Kurnia Sari). Only the words themselves are used, never their weights.
import { collapseDoubles, modernise } from '../normalise/spelling.js';
import * as lists from './indonesian-names.js';

function fold(word: string): string {
  return collapseDoubles(modernise(word.toLowerCase()).text);
}

/** Every single word of every list, lower case, modern spelling, doubled letters collapsed. */
export const KNOWN_NAME_PARTS: ReadonlySet<string> = new Set(
  Object.values(lists)
    .flat()
    .flatMap(([name]) => name.split(' '))
    .map(fold),
);
