// How the same person's name comes out differently on two documents, as generators: the old
// spelling, the Muhammad family, titles and degrees, typing errors, dropped or swapped words,
// mononyms, transliteration, initials, compounds. Each takes a written name and returns another
// written name of the same person (or undefined when it does not apply).
import type { Rng } from './rng.js';

export type VariantKind =
  | 'old_spelling'
  | 'muhammad'
  | 'title'
  | 'typo'
  | 'dropped_token'
  | 'swapped'
  | 'mononym'
  | 'transliteration'
  | 'initials'
  | 'compound';

const words = (name: string) => name.split(' ').filter((w) => w.length > 0);
const capital = (w: string) => (w.length === 0 ? w : w[0].toUpperCase() + w.slice(1));

/** Writes a modern word in the pre-1972 spelling (u→oe, j→dj, c→tj, y→j, sy→sj, ny→nj, kh→ch). */
export function oldSpelling(word: string): string {
  const lower = word.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const pair = lower.slice(i, i + 2);
    const vowelNext = /[aeiou]/.test(lower[i + 1] ?? '');
    if (pair === 'sy') {
      out += 'sj';
      i++;
    } else if (pair === 'ny' && /[aeiou]/.test(lower[i + 2] ?? '')) {
      out += 'nj';
      i++;
    } else if (pair === 'kh') {
      out += 'ch';
      i++;
    } else if (lower[i] === 'u') out += 'oe';
    else if (lower[i] === 'j') out += 'dj';
    else if (lower[i] === 'c') out += 'tj';
    else if (lower[i] === 'y' && vowelNext) out += 'j';
    else out += lower[i];
  }
  return capital(out);
}

const MUHAMMAD_FORMS = [
  'Muhamad',
  'Mohammad',
  'Mohamad',
  'Mochammad',
  'Mochamad',
  'Muchammad',
  'Moh.',
  'Muh.',
  'M.',
  'Mohd',
  'Mhd.',
  'Mohammed',
  'Muhammad',
];
const AHMAD_FORMS = ['Achmad', 'Akhmad', 'Ahmat', 'Ahmed'];
const MALE_TITLES = ['H.', 'Drs.', 'Ir.', 'dr.', 'Prof. Dr.', 'K.H.', 'Ust.', 'H. Drs.'];
const FEMALE_TITLES = ['Hj.', 'Dra.', 'Ir.', 'dr.', 'Hj. Dra.', 'Ustadzah'];
const DEGREES = [
  ', S.H.',
  ', S.Pd.',
  ' S.Pd.',
  ', S.E., M.M.',
  ', S.Kom.',
  ', Amd.Keb.',
  ', S.T.',
  ', M.Si.',
  ', S.Ag.',
  ' SH',
];
const FATHERS = [
  'Ahmad',
  'Abdullah',
  'Yusuf',
  'Ismail',
  'Hasan',
  'Sulaiman',
  'Umar',
  'Ibrahim',
  'Salim',
  'Harun',
];

const KEYBOARD: Record<string, string> = {
  a: 'qsz',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

function typo(word: string, rng: Rng): string {
  const lower = word.toLowerCase();
  const at = 1 + rng.int(lower.length - 1); // typists rarely get the first letter wrong
  const op = rng.int(4);
  let out: string;
  if (op === 0) out = lower.slice(0, at) + rng.pick([...(KEYBOARD[lower[at]] ?? 'a')]) + lower.slice(at + 1);
  else if (op === 1) out = lower.slice(0, at) + lower.slice(at + 1);
  else if (op === 2)
    out = lower.slice(0, at) + lower[at - 1] + lower.slice(at); // doubled key
  else
    out =
      at < lower.length - 1
        ? lower.slice(0, at) + lower[at + 1] + lower[at] + lower.slice(at + 2)
        : lower.slice(0, -1);
  return capital(out);
}

/** Spelling alternations that come from how a name is heard (Sundanese p/f, Arabic transliteration, Javanese vowels). */
const TRANSLITERATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/f/, 'p'],
  [/p(?=[aeiou])/, 'f'],
  [/sy/, 's'],
  [/s(?=[aeiou])/, 'sy'],
  [/z/, 's'],
  [/kh/, 'h'],
  [/h$/, ''],
  [/a$/, 'ah'],
  [/ai/, 'ae'],
  [/i$/, 'y'],
  [/y$/, 'i'],
  [/q/, 'k'],
  [/k$/, 'q'],
  [/v/, 'f'],
  [/dz/, 'z'],
  [/iya/, 'ia'],
  [/ia/, 'iya'],
  [/([bdgklmnprst])\1/, '$1'],
  [/([aeiou])([lmnrst])([aeiou])/, '$1$2$2$3'],
  [/^([bdgkpst])l/, '$1el'],
  [/ie/, 'i'],
  [/u$/, 'oe'],
  [/d$/, 't'],
];

function transliterate(word: string, rng: Rng): string | undefined {
  const lower = word.toLowerCase();
  const options = TRANSLITERATIONS.filter(([re]) => re.test(lower));
  if (options.length === 0) return undefined;
  const [re, to] = rng.pick(options);
  const out = lower.replace(re, to);
  return out === lower || out.length < 2 ? undefined : capital(out);
}

function pickIndex(list: readonly string[], rng: Rng, ok: (w: string) => boolean): number {
  const idx = list.map((w, i) => (ok(w) ? i : -1)).filter((i) => i >= 0);
  return idx.length === 0 ? -1 : rng.pick(idx);
}

/** Applies one kind of variation to a written name; undefined when the kind does not apply to it. */
export function applyVariant(kind: VariantKind, name: string, sex: 'M' | 'F', rng: Rng): string | undefined {
  const w = words(name);
  switch (kind) {
    case 'old_spelling': {
      const out = w.map((x) => (rng.chance(0.8) ? oldSpelling(x) : x));
      const joined = out.join(' ');
      return joined === name ? undefined : joined;
    }
    case 'muhammad': {
      const i = w.findIndex((x) => x === 'Muhammad');
      if (i >= 0) {
        w[i] = rng.pick(MUHAMMAD_FORMS.filter((f) => f !== 'Muhammad' && (i === 0 || f !== 'M.')));
        return w.join(' ');
      }
      const a = w.findIndex((x) => x === 'Ahmad');
      if (a >= 0) {
        w[a] = rng.pick(AHMAD_FORMS);
        return w.join(' ');
      }
      return sex === 'M' && w.length <= 2 ? `${rng.pick(['Muhammad', 'M.', 'Moh.'])} ${name}` : undefined;
    }
    case 'title': {
      const r = rng.next();
      if (r < 0.45) return `${rng.pick(sex === 'M' ? MALE_TITLES : FEMALE_TITLES)} ${name}`;
      if (r < 0.8) return name + rng.pick(DEGREES);
      return `${name} ${sex === 'M' ? 'bin' : 'binti'} ${rng.pick(FATHERS)}`;
    }
    case 'typo': {
      const i = pickIndex(w, rng, (x) => x.length >= 4);
      if (i < 0) return undefined;
      w[i] = typo(w[i], rng);
      return w.join(' ');
    }
    case 'dropped_token': {
      if (w.length < 3) return undefined; // two words → one is a mononym, generated as such
      w.splice(1 + rng.int(w.length - 1), 1);
      return w.join(' ');
    }
    case 'swapped': {
      if (w.length < 2) return undefined;
      if (w.length === 2) return `${w[1]} ${w[0]}`;
      return [...w.slice(1), w[0]].join(' ');
    }
    case 'mononym': {
      if (w.length < 2) return undefined;
      const i = pickIndex(w, rng, (x) => x.length >= 4 && !/^(Muhammad|Siti|Nur|Sri|Andi|I|Ni)$/.test(x));
      return i < 0 ? undefined : w[i];
    }
    case 'transliteration': {
      const i = pickIndex(w, rng, (x) => x.length >= 3);
      if (i < 0) return undefined;
      const out = transliterate(w[i], rng);
      if (out === undefined) return undefined;
      w[i] = out;
      return w.join(' ');
    }
    case 'initials': {
      if (w.length < 2) return undefined;
      const i = rng.int(w.length - 1); // never the last word
      w[i] = `${w[i][0].toUpperCase()}.`;
      return w.join(' ');
    }
    case 'compound': {
      const abd = name.match(/Abdul (\w+)/);
      if (abd)
        return name.replace(/Abdul (\w)/, (_, c: string) =>
          /[rstdnlz]/i.test(c) ? `Abdu${c.toLowerCase()}${c.toLowerCase()}` : `Abdul${c.toLowerCase()}`,
        );
      if (w.length >= 2) {
        const i = rng.int(w.length - 1);
        const joined = w[i] + w[i + 1].toLowerCase();
        return [...w.slice(0, i), joined, ...w.slice(i + 2)].join(' ');
      }
      return undefined;
    }
  }
}
