// Variant rules for the held-out evaluation (issue 15), written apart from variants.ts (nothing is
// imported from it) so the engine cannot have been tuned to the very rules that test it. Each rule
// takes a name (and the person's sex) and returns the varied name, or undefined when it cannot apply.
import { Rng } from './rng.js';

export type IndependentVariant =
  'none' | 'typo' | 'dropped_middle' | 'old_spelling' | 'title' | 'all_caps' | 'patronymic' | 'reordered';

export const INDEPENDENT_VARIANTS: readonly IndependentVariant[] = [
  'none',
  'typo',
  'dropped_middle',
  'old_spelling',
  'title',
  'all_caps',
  'patronymic',
  'reordered',
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** One keyboard-style slip (substitute, delete, insert or transpose) in any token of 4+ letters, never the first letter. */
function typo(name: string, rng: Rng): string | undefined {
  const tokens = name.split(' ');
  const long = tokens.map((t, i) => [t, i] as const).filter(([t]) => t.length >= 4);
  if (long.length === 0) return undefined;
  const [t, i] = rng.pick(long);
  const at = 1 + rng.int(t.length - 1);
  const op = rng.int(4);
  let out: string;
  if (op === 0)
    out = t.slice(0, at) + rng.pick([...LETTERS].filter((c) => c !== t[at].toLowerCase())) + t.slice(at + 1);
  else if (op === 1) out = t.slice(0, at) + t.slice(at + 1);
  else if (op === 2) out = t.slice(0, at) + rng.pick([...LETTERS]) + t.slice(at);
  else
    out =
      at < t.length - 1
        ? t.slice(0, at) + t[at + 1] + t[at] + t.slice(at + 2)
        : t.slice(0, at - 1) + t[at] + t[at - 1];
  if (out.toLowerCase() === t.toLowerCase()) return undefined;
  tokens[i] = out;
  return tokens.join(' ');
}

/** Pre-1972 (Soewandi / Van Ophuijsen) spellings: u>oe, j>dj, c>tj, kh>ch, y>j, sy>sj. */
export function toOldSpelling(token: string): string {
  // applied in one pass on a lower-case copy, so a rule never rewrites another rule's output (j from y
  // must not become dj)
  const lower = token.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length;) {
    const two = lower.slice(i, i + 2);
    const pair = two === 'sy' ? 'sj' : two === 'kh' ? 'ch' : undefined;
    if (pair !== undefined) {
      out += pair;
      i += 2;
      continue;
    }
    const c = lower[i];
    out += c === 'c' ? 'tj' : c === 'j' ? 'dj' : c === 'y' ? 'j' : c === 'u' ? 'oe' : c;
    i++;
  }
  return token[0] === token[0].toUpperCase() ? out[0].toUpperCase() + out.slice(1) : out;
}

function oldSpelling(name: string, rng: Rng): string | undefined {
  const tokens = name.split(' ');
  const changeable = tokens.map((t, i) => i).filter((i) => toOldSpelling(tokens[i]) !== tokens[i]);
  if (changeable.length === 0) return undefined;
  // any token, sometimes all of them (a record typed from an old document)
  const all = rng.chance(0.4);
  const chosen = all ? changeable : [rng.pick(changeable)];
  for (const i of chosen) tokens[i] = toOldSpelling(tokens[i]);
  return tokens.join(' ');
}

const BEFORE_M = ['H.', 'Drs.', 'Ir.', 'Dr.', 'KH.'];
const BEFORE_F = ['Hj.', 'Dra.', 'Ir.', 'Dr.'];
const AFTER = ['S.Pd.', 'S.H.', 'S.E.', 'S.Kom.', 'M.M.', 'S.Ag.', 'M.Pd.', 'S.T.'];

function title(name: string, sex: 'M' | 'F', rng: Rng): string {
  const r = rng.next();
  const before = rng.pick(sex === 'M' ? BEFORE_M : BEFORE_F);
  const after = rng.pick(AFTER);
  if (r < 0.4) return `${before} ${name}`;
  if (r < 0.75) return `${name}, ${after}`;
  return `${before} ${name}, ${after}`;
}

/**
 * Applies one variant. `fatherGiven` is used by `patronymic` (bin/binti + the father's given name);
 * `dropped_middle` needs three words or more, `reordered` two or more.
 */
export function applyIndependentVariant(
  kind: IndependentVariant,
  name: string,
  sex: 'M' | 'F',
  rng: Rng,
  fatherGiven = 'Abdurrozak',
): string | undefined {
  const tokens = name.split(' ');
  switch (kind) {
    case 'none':
      return name;
    case 'typo':
      return typo(name, rng);
    case 'dropped_middle':
      if (tokens.length < 3) return undefined;
      tokens.splice(1 + rng.int(tokens.length - 2), 1);
      return tokens.join(' ');
    case 'old_spelling':
      return oldSpelling(name, rng);
    case 'title':
      return title(name, sex, rng);
    case 'all_caps':
      return name.toUpperCase();
    case 'patronymic':
      return `${name} ${sex === 'M' ? 'bin' : 'binti'} ${fatherGiven}`;
    case 'reordered': {
      if (tokens.length < 2) return undefined;
      // the family or last word first, as forms with a "surname" box are often filled
      return [tokens[tokens.length - 1], ...tokens.slice(0, -1)].join(' ');
    }
  }
}
