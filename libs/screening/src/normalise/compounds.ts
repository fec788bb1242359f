// Compound names are written as one word or two at random: Kurniasari / Kurnia Sari,
// Nurhayati / Nur Hayati, Sriwahyuni / Sri Wahyuni. Both sides split them the same way, using only
// the known name words, and only around the parts that really compound (so Agustina stays whole).
import { KNOWN_NAME_PARTS } from '../names/name-parts.js';

/** First halves that compound with any known name word. */
const COMPOUND_HEADS: ReadonlySet<string> = new Set([
  'nur',
  'nurul',
  'sri',
  'siti',
  'dewi',
  'tri',
  'dwi',
  'eka',
  'ayu',
  'putri',
  'indah',
  'kurnia',
  'purnama',
  'puspita',
  'permata',
  'intan',
  'ratna',
  'mega',
]);

/** Heads so often written together with the next word (Nurhayati, Sriwahyuni) that any tail of 4+ letters splits. */
const FREE_HEADS: ReadonlySet<string> = new Set(['nur', 'nurul', 'sri', 'siti']);

/** Second halves that compound with any known name word of four letters or more. */
const COMPOUND_TAILS: ReadonlySet<string> = new Set([
  'sari',
  'wati',
  'ningsih',
  'ningrum',
  'putri',
  'putra',
  'yanti',
]);

/** Splits a normalised word into its compound parts (at most three), or returns it alone. */
export function splitCompound(word: string, depth = 0): string[] {
  if (word.length < 7 || depth > 1) return [word];
  // Longest head first, so Nurulhuda splits as nurul + huda, not nur + ulhuda.
  for (let cut = word.length - 4; cut >= 3; cut--) {
    const head = word.slice(0, cut);
    const tail = word.slice(cut);
    const known = FREE_HEADS.has(head) || KNOWN_NAME_PARTS.has(tail) || COMPOUND_TAILS.has(tail);
    if (COMPOUND_HEADS.has(head) && known) return [head, ...splitCompound(tail, depth + 1)];
    if (COMPOUND_TAILS.has(tail) && head.length >= 4 && KNOWN_NAME_PARTS.has(head)) return [head, tail];
  }
  return [word];
}
