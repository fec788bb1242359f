// The labelled evaluation set: a watchlist of synthetic people recorded the way agencies record
// them (old spellings for older people, titles, missing or slightly wrong dates of birth, aliases),
// travellers who are those people under realistic variations (positives) and travellers who are
// not but look alike (hard negatives: same name and another birth date, shared given or family
// name, same birthday and one shared word, relatives). Deterministic for a seed.
import { normaliseName } from '../normalise/normalise-name.js';
import { variantForm } from '../phonetic/phonetic-key.js';
import type { TravelerInput, WatchlistEntryInput, WatchlistLegalType, WatchlistAction } from '../types.js';
import { Rng, WeightedPicker } from './rng.js';
import { PeopleGenerator, type SyntheticPerson } from './synthetic-people.js';
import { applyVariant, oldSpelling, type VariantKind } from './variants.js';

export const EVAL_SEED = 1;
export const TRAIN_SEED = 2;
export const EVAL_NOW = '2025-09-01T00:00:00Z';

export type PositiveKind = 'exact' | VariantKind | 'alias' | 'combo' | 'identifiers_only';
export type NegativeKind =
  'random' | 'same_name' | 'shared_given' | 'shared_family' | 'same_birth_shared_token' | 'relative';

export interface EvalQuery {
  id: string;
  positive: boolean;
  kind: PositiveKind | NegativeKind;
  /** The entry this traveller is, or null for a traveller on no entry. */
  expectedEntryId: string | null;
  traveler: TravelerInput;
}

export interface EvalSet {
  seed: number;
  now: string;
  entries: WatchlistEntryInput[];
  queries: EvalQuery[];
}

export interface EvalSetSize {
  entries: number;
  positives: number;
  negatives: number;
}

export const EVAL_SIZE: EvalSetSize = { entries: 4000, positives: 3000, negatives: 3000 };

const POSITIVE_KINDS: ReadonlyArray<readonly [PositiveKind, number]> = [
  ['exact', 8],
  ['old_spelling', 9],
  ['muhammad', 7],
  ['title', 8],
  ['typo', 12],
  ['dropped_token', 8],
  ['swapped', 7],
  ['mononym', 5],
  ['transliteration', 10],
  ['initials', 5],
  ['compound', 4],
  ['alias', 4],
  ['combo', 10],
  ['identifiers_only', 3],
];

const NEGATIVE_KINDS: ReadonlyArray<readonly [NegativeKind, number]> = [
  ['random', 40],
  ['same_name', 15],
  ['shared_given', 15],
  ['shared_family', 10],
  ['same_birth_shared_token', 10],
  ['relative', 10],
];

const LEGAL_MIX: ReadonlyArray<readonly [readonly [WatchlistLegalType, WatchlistAction], number]> = [
  [['dpo', 'deny_departure'], 22],
  [['dpo', 'refer'], 3],
  [['cegah', 'deny_departure'], 15],
  [['protective', 'refer'], 50],
  [['advisory', 'monitor'], 6],
  [['advisory', 'refer'], 4],
];

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function uuid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(16).toString(16)).join('');
  // joined once (a template literal would leave a tree of pieces in memory: see entry-store.ts settled)
  return [hex(8), hex(4), `4${hex(3)}`, `${'89ab'[rng.int(4)]}${hex(3)}`, hex(12)].join('-');
}

function isoDaysFrom(base: string, days: number): string {
  return new Date(Date.parse(base) + days * 86_400_000).toISOString().replace('.000Z', 'Z');
}

/** Identity of a name for deduplication: its normalised words in order. */
function nameKey(name: string): string {
  return normaliseName(name)
    .tokens.map((t) => t.text)
    .join(' ');
}

interface Listed {
  person: SyntheticPerson;
  entry: WatchlistEntryInput;
}

/**
 * What the watchlist records of a person: the kinds of noise real records carry (old spelling for
 * older people, titles, aliases, a missing or slightly wrong date of birth, NIK and passport on some).
 */
export function recordEntry(person: SyntheticPerson, rng: Rng, now: string): WatchlistEntryInput {
  const [legalType, action] = LEGAL_MIX_PICKER.pick(rng);
  let fullName = person.fullName;
  const year = Number(person.dateOfBirth.slice(0, 4));
  if (year < 1975 && rng.chance(0.3)) fullName = fullName.split(' ').map(oldSpelling).join(' ');
  if (rng.chance(0.08)) fullName = applyVariant('title', fullName, person.sex, rng) ?? fullName;
  const aliases: string[] = [];
  if (rng.chance(0.15)) {
    const kind = rng.pick<VariantKind>(['transliteration', 'mononym', 'swapped', 'muhammad', 'typo']);
    const alias = applyVariant(kind, person.fullName, person.sex, rng);
    if (alias !== undefined && alias !== fullName) aliases.push(alias);
  }
  let dateOfBirth: string | undefined;
  if (rng.chance(0.8)) {
    const [y, m, d] = person.dateOfBirth.split('-').map(Number);
    const r = rng.next();
    if (r < 0.86) dateOfBirth = person.dateOfBirth;
    else if (r < 0.91) dateOfBirth = `${y}-01-01`;
    else if (r < 0.95 && d <= 12 && d !== m) dateOfBirth = `${y}-${pad(d)}-${pad(m)}`;
    else if (r < 0.98) dateOfBirth = `${y + (rng.chance(0.5) ? 1 : -1)}-${pad(m)}-${pad(d)}`;
    else dateOfBirth = `${y}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
  }
  const passportNumber = rng.chance(0.25)
    ? rng.chance(0.8)
      ? person.passportNumber
      : `${rng.pick(['A', 'B', 'C'])}${pad(rng.int(100_000_000), 8)}`
    : undefined;
  return {
    entryId: uuid(rng),
    version: 1 + rng.int(3),
    legalType,
    action,
    person: {
      fullName,
      ...(aliases.length > 0 ? { aliases } : {}),
      ...(rng.chance(0.5) ? { nik: person.nik } : {}),
      ...(passportNumber !== undefined ? { passportNumber } : {}),
      ...(dateOfBirth !== undefined ? { dateOfBirth } : {}),
      ...(rng.chance(0.9) ? { sex: person.sex } : {}),
    },
    validFrom: isoDaysFrom(now, -1 - rng.int(60)),
    validUntil: isoDaysFrom(now, 10 + rng.int(80)),
  };
}

const LEGAL_MIX_PICKER = new WeightedPicker(LEGAL_MIX);

/** Draws a single name word of the given sex from the population, different in sound from `avoid`. */
function otherWord(
  people: PeopleGenerator,
  sex: 'M' | 'F',
  position: 'first' | 'last',
  avoid: readonly string[],
): string {
  const avoided = new Set(avoid.map((w) => variantForm(nameKey(w))));
  for (;;) {
    const p = people.next();
    if (p.sex !== sex || p.parts.length < 2) continue;
    const word = position === 'first' ? p.parts[0] : p.parts[p.parts.length - 1];
    if (word.includes(' ') || avoided.has(variantForm(nameKey(word)))) continue;
    return word;
  }
}

function shiftedBirth(dateOfBirth: string, rng: Rng, minYears: number, maxYears: number): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const years = minYears + rng.int(maxYears - minYears + 1);
  const year = y + (rng.chance(0.5) ? years : -years);
  const month = rng.chance(0.5) ? m : 1 + rng.int(12);
  const day = rng.chance(0.5) ? Math.min(d, 28) : 1 + rng.int(28);
  return `${year}-${pad(month)}-${pad(day)}`;
}

function nikFor(region: string, dateOfBirth: string, sex: 'M' | 'F', rng: Rng): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  return `${region}${pad(sex === 'F' ? d + 40 : d)}${pad(m)}${pad(y % 100)}${pad(1 + rng.int(9999), 4)}`;
}

export function buildEvalSet(
  seed: number = EVAL_SEED,
  size: EvalSetSize = EVAL_SIZE,
  now: string = EVAL_NOW,
): EvalSet {
  const rng = new Rng(seed * 7919 + 13);
  const people = new PeopleGenerator(seed);
  const strangers = new PeopleGenerator(seed + 1_000_003);
  const listed: Listed[] = [];
  const seen = new Set<string>();
  while (listed.length < size.entries) {
    const person = people.next();
    const key = `${nameKey(person.fullName)}|${person.dateOfBirth}`;
    if (seen.has(key)) continue;
    seen.add(key);
    listed.push({ person, entry: recordEntry(person, rng, now) });
  }
  const queries: EvalQuery[] = [];
  const positiveKinds = new WeightedPicker(POSITIVE_KINDS);
  const negativeKinds = new WeightedPicker(NEGATIVE_KINDS);

  const traveler = (
    person: SyntheticPerson,
    fullName: string,
    extra: Partial<TravelerInput> = {},
  ): TravelerInput => ({
    fullName,
    dateOfBirth: person.dateOfBirth,
    sex: person.sex,
    passportNumber: person.passportNumber,
    ...(rng.chance(0.3) ? { nik: person.nik } : {}),
    ...extra,
  });

  while (queries.length < size.positives) {
    const { person, entry } = rng.pick(listed);
    const kind = positiveKinds.pick(rng);
    let name: string | undefined;
    let extra: Partial<TravelerInput> = {};
    if (kind === 'exact') name = person.fullName;
    else if (kind === 'alias') name = entry.person.aliases?.[0];
    else if (kind === 'combo') {
      const kinds: VariantKind[] = [
        'old_spelling',
        'muhammad',
        'title',
        'typo',
        'swapped',
        'transliteration',
        'initials',
        'dropped_token',
      ];
      const first = rng.pick(kinds);
      const second = rng.pick(kinds.filter((k) => k !== first));
      const once = applyVariant(first, person.fullName, person.sex, rng);
      name = once === undefined ? undefined : applyVariant(second, once, person.sex, rng);
    } else if (kind === 'identifiers_only') {
      if (entry.person.nik === undefined && entry.person.passportNumber === undefined) continue;
      let stranger = strangers.next();
      while (stranger.sex !== person.sex) stranger = strangers.next();
      name = stranger.fullName;
      extra =
        entry.person.nik !== undefined
          ? { nik: entry.person.nik }
          : { passportNumber: entry.person.passportNumber };
    } else name = applyVariant(kind, person.fullName, person.sex, rng);
    if (name === undefined || name.trim() === '') continue;
    queries.push({
      id: `p${pad(queries.length, 5)}`,
      positive: true,
      kind,
      expectedEntryId: entry.entryId,
      traveler: traveler(person, name, extra),
    });
  }

  const withBirth = listed.filter(
    (l) => l.entry.person.dateOfBirth !== undefined || l.entry.person.nik !== undefined,
  );
  const multiWord = listed.filter(
    (l) => l.person.parts.length >= 2 && !l.person.parts.some((p) => p.includes(' ')),
  );
  let negatives = 0;
  while (negatives < size.negatives) {
    const kind = negativeKinds.pick(rng);
    let t: TravelerInput | undefined;
    if (kind === 'random') {
      const p = strangers.next();
      if (seen.has(`${nameKey(p.fullName)}|${p.dateOfBirth}`)) continue;
      t = traveler(p, p.fullName);
    } else if (kind === 'same_name') {
      const { person } = rng.pick(withBirth);
      const other = { ...strangers.next(), sex: person.sex };
      other.dateOfBirth = shiftedBirth(person.dateOfBirth, rng, 2, 25);
      t = traveler(other, person.fullName, { nik: undefined });
      if (rng.chance(0.5)) t.nik = nikFor(person.nik.slice(0, 6), other.dateOfBirth, other.sex, rng);
    } else {
      const { person } = rng.pick(multiWord);
      const parts = [...person.parts];
      const other = { ...strangers.next(), sex: person.sex };
      if (kind === 'shared_given') {
        parts[parts.length - 1] = otherWord(strangers, person.sex, 'last', parts);
        if (rng.chance(0.5))
          other.dateOfBirth = `${person.dateOfBirth.slice(0, 4)}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
      } else if (kind === 'shared_family') {
        parts[0] = otherWord(strangers, person.sex, 'first', parts);
        if (rng.chance(0.5))
          other.dateOfBirth = `${person.dateOfBirth.slice(0, 4)}-${pad(1 + rng.int(12))}-${pad(1 + rng.int(28))}`;
      } else if (kind === 'same_birth_shared_token') {
        const keep = rng.int(parts.length);
        for (let i = 0; i < parts.length; i++)
          if (i !== keep) parts[i] = otherWord(strangers, person.sex, i === 0 ? 'first' : 'last', parts);
        other.dateOfBirth = person.dateOfBirth;
      } else {
        // relative: same family word, another given name, born 1-5 years apart in the same district
        parts[0] = otherWord(strangers, person.sex, 'first', parts);
        other.dateOfBirth = shiftedBirth(person.dateOfBirth, rng, 1, 5);
      }
      // the NIK of this other person agrees with their own date of birth and sex
      other.nik = nikFor(
        (kind === 'relative' ? person : other).nik.slice(0, 6),
        other.dateOfBirth,
        other.sex,
        rng,
      );
      t = traveler(other, parts.join(' '));
    }
    if (t.nik === undefined) delete t.nik;
    queries.push({ id: `n${pad(negatives, 5)}`, positive: false, kind, expectedEntryId: null, traveler: t });
    negatives++;
  }
  return { seed, now, entries: listed.map((l) => l.entry), queries };
}

/** The set as JSONL: a meta line, the entries, then the queries. */
export function* evalSetLines(set: EvalSet): Generator<string> {
  yield JSON.stringify({
    type: 'meta',
    seed: set.seed,
    now: set.now,
    entries: set.entries.length,
    queries: set.queries.length,
  });
  for (const entry of set.entries) yield JSON.stringify({ type: 'entry', entry });
  for (const query of set.queries) yield JSON.stringify({ type: 'query', ...query });
}

/** Reads the JSONL form back. */
export function parseEvalSet(lines: Iterable<string>): EvalSet {
  const set: EvalSet = { seed: 0, now: EVAL_NOW, entries: [], queries: [] };
  for (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { type: string } & Record<string, unknown>;
    if (record.type === 'meta') {
      set.seed = record.seed as number;
      set.now = record.now as string;
    } else if (record.type === 'entry') set.entries.push(record.entry as WatchlistEntryInput);
    else if (record.type === 'query') {
      const { type: _type, ...query } = record;
      set.queries.push(query as unknown as EvalQuery);
    }
  }
  return set;
}
