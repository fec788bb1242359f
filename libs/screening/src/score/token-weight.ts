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

/** Weight of a word the table does not list (seen fewer than FREQUENCY_MIN_COUNT times, or never). */
export const RARE_TOKEN_WEIGHT = Math.log(FREQUENCY_SAMPLE_SIZE / (FREQUENCY_MIN_COUNT / 2));

/** Weight of an initial: a letter says about as much as the share of names starting with it. */
function initialWeight(letter: string): number {
  const count = INITIAL_COUNTS[letter] ?? 1;
  return Math.log(FREQUENCY_SAMPLE_SIZE / count);
}

/** The weight (nats, > 0) of a normalised name word; `initial` for a single letter standing for a name. */
export function tokenWeight(text: string, initial: boolean): number {
  if (initial) return Math.min(initialWeight(text), RARE_TOKEN_WEIGHT);
  const count = Object.hasOwn(TOKEN_COUNTS, text) ? TOKEN_COUNTS[text] : 0;
  if (count === 0) return RARE_TOKEN_WEIGHT;
  return Math.min(Math.log(FREQUENCY_SAMPLE_SIZE / count), RARE_TOKEN_WEIGHT);
}
