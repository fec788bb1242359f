// How much a name word says about identity, in nats: -ln(share of people whose name contains it).
// Muhammad, Siti, Nur and Sri say little (about 3); a rare word says a lot (up to 11.5). Weights come
// from a fixed population table, not from the watchlist, so a 50-entry replica and a 1M-entry one
// weigh names the same way and an upsert never changes how other entries score.
import {
  FREQUENCY_MIN_COUNT,
  FREQUENCY_SAMPLE_SIZE,
  INITIAL_COUNTS,
  TOKEN_COUNTS,
} from '../names/token-frequencies.data.js';

/** The ceiling: a word the table lists at its lowest counts (about 11.5 nats). */
export const RARE_TOKEN_WEIGHT = Math.log(FREQUENCY_SAMPLE_SIZE / (FREQUENCY_MIN_COUNT / 2));

/**
 * Weight of a word the table does not know at all (ADR 0014): 8.5 nats, as if about 40 people in
 * 200,000 carried it. The table is built from the engine's own name lists, so a word outside it is
 * as likely a common name of a tradition the lists cover thinly (Sukarti, Ngatiyem, Paimin) or a
 * typo as a truly rare name; weighing it at the ceiling made two unknown words that agree as strong
 * as two rare ones, and namesakes of names the engine never saw were referred. Chosen on the tuning
 * seed of the held-out sets (eval/independent-sets.ts `HELD_OUT_TUNING`), never on a reported one.
 */
export const UNKNOWN_TOKEN_WEIGHT = 7.5;

/** Weight of an initial: a letter says about as much as the share of names starting with it. */
function initialWeight(letter: string): number {
  const count = INITIAL_COUNTS[letter] ?? 1;
  return Math.log(FREQUENCY_SAMPLE_SIZE / count);
}

/** The weight (nats, > 0) of a normalised name word; `initial` for a single letter standing for a name. */
export function tokenWeight(text: string, initial: boolean): number {
  if (initial) return Math.min(initialWeight(text), RARE_TOKEN_WEIGHT);
  const count = Object.hasOwn(TOKEN_COUNTS, text) ? TOKEN_COUNTS[text] : 0;
  if (count === 0) return UNKNOWN_TOKEN_WEIGHT;
  return Math.min(Math.log(FREQUENCY_SAMPLE_SIZE / count), RARE_TOKEN_WEIGHT);
}
