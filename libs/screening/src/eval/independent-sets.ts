// Held-out evaluation sets (issue 15): people drawn from independent-names.ts, recorded with realistic
// shares of date of birth, NIK and passport (entries known by name only included), travellers varied by
// independent-variants.ts, unrelated travellers (some sharing one name word with an entry) and
// namesakes (same name, other date of birth and sex). Nothing here comes from the engine's own lists
// or variant rules; the engine's set (eval-set.ts) stays the calibration set. Deterministic for a seed.
import type { TravelerInput, WatchlistAction, WatchlistEntryInput, WatchlistLegalType } from '../types.js';
import type { EvalQuery, EvalSet } from './eval-set.js';
import * as N from './independent-names.js';
import { Rng, WeightedPicker } from './rng.js';
import { applyIndependentVariant, type IndependentVariant } from './independent-variants.js';

export const HELD_OUT_NOW = '2025-09-01T00:00:00Z';

export interface HeldOutSize {
  entries: number;
  positives: number;
  negatives: number;
}

/** The sizes: 20,000 entries, 3,200 travellers. */
export const HELD_OUT_SIZE: HeldOutSize = { entries: 20_000, positives: 1_700, negatives: 1_500 };

/** Kind of entry, by what identifies the person besides the name. */
export type EntryKind = 'with_identifiers' | 'name_only';

export type HeldOutNegativeKind = 'unrelated' | 'shared_token' | 'namesake';

export interface HeldOutQuery extends Omit<EvalQuery, 'kind'> {
  kind: IndependentVariant | HeldOutNegativeKind;
  /** For positives: what the entry carries besides a name. */
  entryKind?: EntryKind;
  /** For positives: the traveller was screened without a date of birth. */
  travelerWithoutBirth?: boolean;
}

export interface HeldOutSet extends Omit<EvalSet, 'queries'> {
  name: string;
  queries: HeldOutQuery[];
}

interface Person {
  given: string[];
  family?: string;
  /** Written name, in order. */
  fullName: string;
  sex: 'M' | 'F';
  dateOfBirth: string;
  nik: string;
  passportNumber: string;
  fatherGiven: string;
}

type Tradition =
  'java' | 'arabic' | 'sunda' | 'batak' | 'minang' | 'bugis' | 'bali' | 'aceh' | 'chinese' | 'east';

const TRADITIONS: ReadonlyArray<readonly [Tradition, number]> = [
  ['java', 34],
  ['arabic', 20],
  ['sunda', 10],
  ['batak', 6],
  ['minang', 5],
  ['bugis', 6],
  ['bali', 3],
  ['aceh', 3],
  ['chinese', 4],
  ['east', 9],
];

const picker = (...lists: N.Weighted[]) => new WeightedPicker(lists.flat().map(([n, w]) => [n, w] as const));

const GIVEN = {
  M: {
    java: picker(N.JAVA_M),
    arabic: picker(N.ARABIC_M),
    sunda: picker(N.SUNDA_M, N.JAVA_M),
    batak: picker(N.BATAK_M, N.EAST_M),
    minang: picker(N.MINANG_M, N.ARABIC_M),
    bugis: picker(N.BUGIS_M, N.ARABIC_M),
    bali: picker(N.BALI_M),
    aceh: picker(N.ACEH_M, N.ARABIC_M),
    chinese: picker(N.CHINESE_M),
    east: picker(N.EAST_M),
  },
  F: {
    java: picker(N.JAVA_F),
    arabic: picker(N.ARABIC_F),
    sunda: picker(N.SUNDA_F, N.JAVA_F),
    batak: picker(N.BATAK_F, N.EAST_F),
    minang: picker(N.MINANG_F, N.ARABIC_F),
    bugis: picker(N.BUGIS_F, N.ARABIC_F),
    bali: picker(N.BALI_F),
    aceh: picker(N.ACEH_F, N.ARABIC_F),
    chinese: picker(N.CHINESE_F),
    east: picker(N.EAST_F),
  },
} as const;

const FAMILY: Partial<Record<Tradition, WeightedPicker<string>>> = {
  sunda: picker(N.SUNDA_FAMILY, N.JAVA_M),
  batak: picker(N.BATAK_MARGA),
  minang: picker(N.MINANG_FAMILY),
  bugis: picker(N.BUGIS_FAMILY),
  chinese: picker(N.CHINESE_FAMILY),
  east: picker(N.EAST_FAMILY),
};

const MALE_ANY = picker(N.JAVA_M, N.ARABIC_M, N.BUGIS_M);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

class People {
  private readonly traditions = new WeightedPicker(TRADITIONS);
  constructor(private readonly rng: Rng) {}

  next(sex: 'M' | 'F' = this.rng.chance(0.5) ? 'M' : 'F'): Person {
    const rng = this.rng;
    const t = this.traditions.pick(rng);
    const g = GIVEN[sex][t];
    const given = [g.pick(rng)];
    let family = FAMILY[t]?.pick(rng);
    const words: string[] = [];
    if (t === 'bali') words.push(sex === 'M' ? 'I' : 'Ni', rng.pick(N.STRUCTURAL.balineseOrder));
    if (t === 'bugis' && sex === 'M' && rng.chance(0.3)) words.push(N.STRUCTURAL.bugisNoble);
    // Javanese: often one word, sometimes two; others mostly two or three words
    const extra = t === 'java' ? (rng.chance(0.35) ? 0 : rng.chance(0.7) ? 1 : 2) : rng.chance(0.45) ? 1 : 0;
    for (let i = 0; i < extra; i++) {
      const w = g.pick(rng);
      if (!given.includes(w)) given.push(w);
    }
    if (family !== undefined && given.includes(family)) family = undefined;
    words.push(...given);
    if (family !== undefined) words.push(family);
    const year = 1950 + rng.int(55);
    const month = 1 + rng.int(12);
    const day = 1 + rng.int(28);
    const dateOfBirth = `${year}-${pad(month)}-${pad(day)}`;
    const region = `${pad(11 + rng.int(80))}${pad(1 + rng.int(30))}${pad(1 + rng.int(40))}`;
    const nik = `${region}${pad(sex === 'F' ? day + 40 : day)}${pad(month)}${pad(year % 100)}${pad(1 + rng.int(9999), 4)}`;
    const passportNumber = `${rng.pick(['X', 'E', 'C'])}${pad(rng.int(10_000_000), 7)}`;
    return {
      given,
      family,
      fullName: words.join(' '),
      sex,
      dateOfBirth,
      nik,
      passportNumber,
      fatherGiven: MALE_ANY.pick(rng),
    };
  }
}

const LEGAL: ReadonlyArray<readonly [readonly [WatchlistLegalType, WatchlistAction], number]> = [
  [['dpo', 'deny_departure'], 20],
  [['cegah', 'deny_departure'], 15],
  [['dpo', 'refer'], 5],
  [['protective', 'refer'], 45],
  [['advisory', 'refer'], 8],
  [['advisory', 'monitor'], 7],
];

function uuid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(16).toString(16)).join('');
  return [hex(8), hex(4), `4${hex(3)}`, `${'89ab'[rng.int(4)]}${hex(3)}`, hex(12)].join('-');
}

const day = (base: string, days: number) =>
  new Date(Date.parse(base) + days * 86_400_000).toISOString().replace('.000Z', 'Z');

/**
 * An entry as an agency records it. Shares (rough, for a watchlist fed by police, courts and
 * protection desks): 12% known by name only; otherwise date of birth 85%, NIK 55%, passport 30%.
 */
function record(
  p: Person,
  rng: Rng,
  now: string,
  legal: WeightedPicker<readonly [WatchlistLegalType, WatchlistAction]>,
): { entry: WatchlistEntryInput; kind: EntryKind } {
  const [legalType, action] = legal.pick(rng);
  const nameOnly = rng.chance(0.12);
  const person: WatchlistEntryInput['person'] = { fullName: p.fullName };
  if (!nameOnly) {
    let any = false;
    if (rng.chance(0.85)) {
      person.dateOfBirth = p.dateOfBirth;
      any = true;
    }
    if (rng.chance(0.55)) {
      person.nik = p.nik;
      any = true;
    }
    if (rng.chance(0.3)) {
      person.passportNumber = p.passportNumber;
      any = true;
    }
    if (!any) person.dateOfBirth = p.dateOfBirth;
    if (rng.chance(0.9)) person.sex = p.sex;
  }
  return {
    kind: nameOnly ? 'name_only' : 'with_identifiers',
    entry: {
      entryId: uuid(rng),
      version: 1,
      legalType,
      action,
      person,
      validFrom: day(now, -1 - rng.int(60)),
      validUntil: day(now, 10 + rng.int(80)),
    },
  };
}

const VARIANT_WEIGHTS: ReadonlyArray<readonly [IndependentVariant, number]> = [
  ['none', 10],
  ['typo', 22],
  ['dropped_middle', 14],
  ['old_spelling', 16],
  ['title', 10],
  ['all_caps', 8],
  ['patronymic', 8],
  ['reordered', 8],
];

/** Builds one held-out set from a seed. */
export function buildHeldOutSet(
  seed: number,
  size: HeldOutSize = HELD_OUT_SIZE,
  now = HELD_OUT_NOW,
): HeldOutSet {
  const rng = new Rng(seed * 104_729 + 7);
  const people = new People(new Rng(seed * 15_485_863 + 3));
  const legal = new WeightedPicker(LEGAL);
  const listed: { person: Person; entry: WatchlistEntryInput; kind: EntryKind }[] = [];
  const names = new Set<string>();
  const seen = new Set<string>();
  while (listed.length < size.entries) {
    const person = people.next();
    const key = `${person.fullName.toLowerCase()}|${person.dateOfBirth}`;
    if (seen.has(key)) continue;
    seen.add(key);
    names.add(person.fullName.toLowerCase());
    listed.push({ person, ...record(person, rng, now, legal) });
  }
  const variants = new WeightedPicker(VARIANT_WEIGHTS);
  const queries: HeldOutQuery[] = [];
  while (queries.length < size.positives) {
    const { person, entry, kind: entryKind } = rng.pick(listed);
    const variant = variants.pick(rng);
    const name = applyIndependentVariant(variant, person.fullName, person.sex, rng, person.fatherGiven);
    if (name === undefined) continue;
    // travellers always carry a passport (their own); a share are screened without a date of birth
    const withoutBirth = rng.chance(0.15);
    const traveler: TravelerInput = {
      fullName: name,
      sex: person.sex,
      passportNumber: person.passportNumber,
      ...(withoutBirth ? {} : { dateOfBirth: person.dateOfBirth }),
      ...(rng.chance(0.3) ? { nik: person.nik } : {}),
    };
    queries.push({
      id: `p${pad(queries.length, 5)}`,
      positive: true,
      kind: variant,
      expectedEntryId: entry.entryId,
      traveler,
      entryKind,
      travelerWithoutBirth: withoutBirth,
    });
  }
  const strangers = new People(new Rng(seed * 32_452_843 + 11));
  let negatives = 0;
  while (negatives < size.negatives) {
    const r = rng.next();
    let kind: HeldOutNegativeKind;
    let t: TravelerInput;
    if (r < 0.6) {
      kind = 'unrelated';
      const p = strangers.next();
      if (names.has(p.fullName.toLowerCase())) continue;
      t = { fullName: p.fullName, sex: p.sex, dateOfBirth: p.dateOfBirth, passportNumber: p.passportNumber };
    } else if (r < 0.85) {
      // a stranger whose name shares one word with an entry (the entry's given or family word)
      kind = 'shared_token';
      const { person } = rng.pick(listed);
      const p = strangers.next(person.sex);
      const shared = person.family !== undefined && rng.chance(0.5) ? person.family : person.given[0];
      const words = p.fullName.split(' ');
      words[words.length - 1 - (p.family !== undefined && shared === person.given[0] ? 1 : 0)] = shared;
      const fullName = [...new Set(words)].join(' ');
      if (names.has(fullName.toLowerCase()) || fullName.split(' ').length < 2) continue;
      t = { fullName, sex: p.sex, dateOfBirth: p.dateOfBirth, passportNumber: p.passportNumber };
    } else {
      // namesake: the same written name, another person (other date of birth, other sex)
      kind = 'namesake';
      const { person, entry } = rng.pick(listed);
      if (entry.person.dateOfBirth === undefined && entry.person.nik === undefined) continue;
      const p = strangers.next(person.sex === 'M' ? 'F' : 'M');
      if (p.dateOfBirth.slice(0, 4) === person.dateOfBirth.slice(0, 4)) continue;
      t = {
        fullName: person.fullName,
        sex: p.sex,
        dateOfBirth: p.dateOfBirth,
        passportNumber: p.passportNumber,
      };
    }
    queries.push({ id: `n${pad(negatives, 5)}`, positive: false, kind, expectedEntryId: null, traveler: t });
    negatives++;
  }
  return { name: `held-out seed ${seed}`, seed, now, entries: listed.map((l) => l.entry), queries };
}

/** The held-out sets `eval:screening` reports (the engine's own set is the calibration set). */
export const HELD_OUT_SEEDS = [101, 202] as const;
