// Synthetic Indonesian people drawn from the name-frequency lists: the population behind the
// evaluation set, the token-frequency table and the 1M-entry bench. Names follow the naming
// traditions' shapes (Javanese mononyms, Batak clan names, Balinese birth-order names, Bugis Andi,
// Chinese-Indonesian family names, Arabic compounds); dates of birth, NIKs and passport numbers are
// well formed but invented. No real person is described.
import * as N from '../names/indonesian-names.js';
import { Rng, WeightedPicker } from './rng.js';

export type Tradition =
  | 'javanese'
  | 'sundanese'
  | 'general'
  | 'batak'
  | 'minang'
  | 'bugis'
  | 'balinese'
  | 'chinese'
  | 'aceh'
  | 'eastern';

export interface SyntheticPerson {
  /** The name words in modern spelling, in written order (compounds such as "Abdul Rahman" are one part). */
  parts: string[];
  fullName: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD */
  dateOfBirth: string;
  nik: string;
  passportNumber: string;
  tradition: Tradition;
}

/** Shares of the traditions, roughly as the population of the migrant-worker sending regions. */
const TRADITIONS: ReadonlyArray<readonly [Tradition, number]> = [
  ['javanese', 38],
  ['sundanese', 14],
  ['general', 22],
  ['batak', 5],
  ['minang', 4],
  ['bugis', 5],
  ['balinese', 2],
  ['chinese', 3],
  ['aceh', 2],
  ['eastern', 5],
];

/** Province codes of the NIK (BPS codes), weighted towards the provinces most migrant workers come from. */
const PROVINCES: ReadonlyArray<readonly [string, number]> = [
  ['33', 20],
  ['35', 20],
  ['32', 18],
  ['52', 10],
  ['12', 6],
  ['73', 5],
  ['51', 2],
  ['13', 3],
  ['11', 2],
  ['53', 4],
  ['61', 3],
  ['64', 2],
  ['21', 2],
  ['14', 2],
  ['16', 2],
  ['18', 3],
  ['31', 3],
  ['36', 3],
];

const PASSPORT_LETTERS = ['A', 'B', 'C', 'E', 'X'];

function picker(list: N.WeightedNames): WeightedPicker<string> {
  return new WeightedPicker(list);
}

const P = {
  tradition: new WeightedPicker(TRADITIONS),
  province: new WeightedPicker(PROVINCES),
  maleGiven: picker(N.MALE_GIVEN),
  femaleGiven: picker(N.FEMALE_GIVEN),
  maleSecond: picker(N.MALE_SECOND),
  femaleSecond: picker(N.FEMALE_SECOND),
  javM: picker(N.JAVANESE_MALE),
  javF: picker(N.JAVANESE_FEMALE),
  sunM: picker(N.SUNDANESE_MALE),
  sunF: picker(N.SUNDANESE_FEMALE),
  sunSecond: picker(N.SUNDANESE_SECOND),
  batakClan: picker(N.BATAK_CLANS),
  batakM: picker(N.BATAK_MALE),
  batakF: picker(N.BATAK_FEMALE),
  minM: picker(N.MINANG_MALE),
  minF: picker(N.MINANG_FEMALE),
  minClan: picker(N.MINANG_CLANS),
  bugM: picker(N.BUGIS_MALE),
  bugF: picker(N.BUGIS_FEMALE),
  bugSecond: picker(N.BUGIS_SECOND),
  baliOrder: picker(N.BALINESE_ORDER),
  baliM: picker(N.BALINESE_MALE),
  baliF: picker(N.BALINESE_FEMALE),
  acehM: picker(N.ACEH_MALE),
  acehF: picker(N.ACEH_FEMALE),
  chFamily: picker(N.CHINESE_FAMILY),
  chM: picker(N.CHINESE_MALE),
  chF: picker(N.CHINESE_FEMALE),
  eastFamily: picker(N.EASTERN_FAMILY),
  eastM: picker(N.EASTERN_MALE),
  eastF: picker(N.EASTERN_FEMALE),
  arabM: picker(N.ARABIC_COMPOUND_MALE),
  arabF: picker(N.ARABIC_COMPOUND_FEMALE),
};

// The lists hold the head of the distribution; real Indonesian names have a very long tail,
// mostly Javanese-style names built from syllables (Su-kar-min, Sar-ji-yem, Har-di-yanto). Without
// that tail every name would collide with thousands of others, which would make both the evaluation
// and the bench unrealistically hard for the name evidence.
const TAIL_HEADS = [
  'Su',
  'Sa',
  'Har',
  'Pur',
  'War',
  'Sar',
  'Mar',
  'Kar',
  'Sun',
  'Wid',
  'Dar',
  'Tar',
  'Ngat',
  'Pa',
  'Tu',
  'Sli',
  'Ra',
  'Ka',
  'Wa',
  'Ja',
  'Ma',
  'Ru',
  'Sis',
  'Pra',
  'Tri',
  'Ang',
  'Bu',
  'Ci',
  'Da',
  'Ga',
  'He',
  'In',
  'Ri',
  'Ro',
  'Se',
  'Si',
  'Ta',
  'Ti',
  'Wi',
  'Yu',
  'Ju',
  'Nu',
  'Ku',
  'Le',
  'Me',
  'Ne',
  'Pe',
  'Ha',
];
const TAIL_CORES = [
  'ji',
  'kar',
  'par',
  'man',
  'wan',
  'yan',
  'di',
  'jo',
  'mi',
  'ri',
  'ti',
  'no',
  'yo',
  'to',
  'kir',
  'gi',
  'tri',
  'pri',
  'ha',
  'la',
  'na',
  'ra',
  'mar',
  'san',
  'tar',
  'lis',
  'mul',
  'nar',
  'bar',
  'dar',
  'ga',
  'ba',
  'wi',
  'sa',
  'ka',
  'su',
  'ma',
  'ran',
  'ton',
  'ling',
  'hen',
  'sur',
  'sul',
  'lan',
  'ren',
];
const TAIL_MALE_ENDS = [
  'no',
  'to',
  'yo',
  'di',
  'man',
  'min',
  'jo',
  'ran',
  'do',
  'ri',
  'ono',
  'anto',
  'adi',
  'aji',
  'wan',
  'yanto',
  'iman',
  'mat',
  'san',
  'din',
  'nto',
  'pto',
  'kin',
];
const TAIL_FEMALE_ENDS = [
  'ni',
  'ti',
  'yem',
  'nem',
  'ah',
  'sih',
  'yati',
  'wati',
  'nah',
  'mi',
  'rah',
  'ningsih',
  'yani',
  'wati',
  'tun',
  'sri',
  'nik',
  'ini',
  'ina',
  'asih',
  'rini',
];
const TAIL_SECOND_ENDS = [
  'anto',
  'ianto',
  'ono',
  'adi',
  'awan',
  'yanto',
  'wijaya',
  'atmaja',
  'kusuma',
  'diharjo',
  'prawiro',
  'sasmita',
  'pranoto',
  'hadi',
  'santoso',
  'purnomo',
  'wibowo',
  'utomo',
  'saputra',
];

function tailName(rng: Rng, ends: readonly string[]): string {
  const head = rng.pick(TAIL_HEADS);
  const core = rng.chance(0.8) ? rng.pick(TAIL_CORES) : '';
  return head + core + rng.pick(ends);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Draws name parts for one person; never returns two identical parts in a row. */
function nameParts(rng: Rng, tradition: Tradition, male: boolean): string[] {
  const tailGiven = () => tailName(rng, male ? TAIL_MALE_ENDS : TAIL_FEMALE_ENDS);
  const given = () => (rng.chance(0.15) ? tailGiven() : (male ? P.maleGiven : P.femaleGiven).pick(rng));
  const second = () =>
    rng.chance(0.3) ? tailName(rng, TAIL_SECOND_ENDS) : (male ? P.maleSecond : P.femaleSecond).pick(rng);
  const arabic = () => (male ? P.arabM : P.arabF).pick(rng);
  const r = rng.next();
  switch (tradition) {
    case 'javanese': {
      const local = () => (rng.chance(0.45) ? tailGiven() : (male ? P.javM : P.javF).pick(rng));
      if (r < 0.3) return [local()];
      if (r < 0.7) return [rng.chance(0.5) ? local() : given(), second()];
      if (r < 0.9) return [given(), local(), second()];
      return [given(), local()];
    }
    case 'sundanese': {
      const local = () => (rng.chance(0.25) ? tailGiven() : (male ? P.sunM : P.sunF).pick(rng));
      if (r < 0.25) return [local()];
      if (r < 0.75) return [local(), rng.chance(0.6) ? P.sunSecond.pick(rng) : second()];
      return [given(), local(), P.sunSecond.pick(rng)];
    }
    case 'general': {
      if (r < 0.1) return [given()];
      if (r < 0.55) return [given(), second()];
      if (r < 0.8) return [given(), given(), second()];
      if (r < 0.92) return [arabic(), second()];
      return [given(), arabic()];
    }
    case 'batak': {
      const local = () => (male ? P.batakM : P.batakF).pick(rng);
      if (r < 0.7) return [local(), P.batakClan.pick(rng)];
      return [local(), given(), P.batakClan.pick(rng)];
    }
    case 'minang': {
      const local = () => (rng.chance(0.3) ? tailGiven() : (male ? P.minM : P.minF).pick(rng));
      if (r < 0.35) return [local()];
      if (r < 0.8) return [local(), rng.chance(0.5) ? local() : second()];
      return [local(), P.minClan.pick(rng)];
    }
    case 'bugis': {
      const local = () => (rng.chance(0.25) ? tailGiven() : (male ? P.bugM : P.bugF).pick(rng));
      if (r < 0.3) return ['Andi', local()];
      if (r < 0.7) return [local(), P.bugSecond.pick(rng)];
      return [local()];
    }
    case 'balinese': {
      const local = () => (rng.chance(0.4) ? tailGiven() : (male ? P.baliM : P.baliF).pick(rng));
      const order = P.baliOrder.pick(rng);
      if (r < 0.4) return [male ? 'I' : 'Ni', order, local()];
      if (r < 0.8) return [order, local()];
      return [order, local(), local()];
    }
    case 'chinese': {
      const local = () => (male ? P.chM : P.chF).pick(rng);
      if (r < 0.8) return [local(), P.chFamily.pick(rng)];
      return [local(), given(), P.chFamily.pick(rng)];
    }
    case 'aceh': {
      const local = () => (male ? P.acehM : P.acehF).pick(rng);
      if (r < 0.3) return [male ? 'Teuku' : 'Cut', local(), second()];
      return [local(), second()];
    }
    case 'eastern': {
      const local = () => (male ? P.eastM : P.eastF).pick(rng);
      if (r < 0.8) return [local(), P.eastFamily.pick(rng)];
      return [local(), local(), P.eastFamily.pick(rng)];
    }
  }
}

/** Splits list items like "Abdul Rahman" or "da Costa" into the words of the written name, without repeats. */
function dedupe(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) if (!out.includes(part)) out.push(part);
  return out;
}

export interface PeopleOptions {
  /** Earliest and latest year of birth (inclusive). Default 1955..2007. */
  fromYear?: number;
  toYear?: number;
}

/** An endless, deterministic stream of synthetic people. */
export class PeopleGenerator {
  private readonly rng: Rng;
  private readonly fromYear: number;
  private readonly span: number;
  private serial = 0;

  constructor(seed: number, options: PeopleOptions = {}) {
    this.rng = new Rng(seed);
    this.fromYear = options.fromYear ?? 1955;
    this.span = (options.toYear ?? 2007) - this.fromYear + 1;
  }

  /** The generator's random source, for callers that add their own variation. */
  get random(): Rng {
    return this.rng;
  }

  next(): SyntheticPerson {
    const rng = this.rng;
    const male = rng.chance(0.55);
    const tradition = P.tradition.pick(rng);
    const parts = dedupe(nameParts(rng, tradition, male));
    // Migrant workers and brokers are mostly of working age: a triangular year distribution.
    const year = this.fromYear + Math.floor(((rng.next() + rng.next()) / 2) * this.span);
    const month = 1 + rng.int(12);
    const day = 1 + rng.int(month === 2 ? 28 : 30);
    const dateOfBirth = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
    const nik =
      P.province.pick(rng) +
      pad(1 + rng.int(20), 2) +
      pad(1 + rng.int(30), 2) +
      pad(male ? day : day + 40, 2) +
      pad(month, 2) +
      pad(year % 100, 2) +
      pad((this.serial++ % 9000) + 1 + rng.int(900), 4);
    // 8 digits (9 characters, within the contract's 6-9): with 7, a million random numbers would collide
    const passportNumber = rng.pick(PASSPORT_LETTERS) + pad(rng.int(100_000_000), 8);
    return {
      parts,
      fullName: parts.join(' '),
      sex: male ? 'M' : 'F',
      dateOfBirth,
      nik,
      passportNumber,
      tradition,
    };
  }
}
