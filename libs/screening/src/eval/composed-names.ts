// A third source of Indonesian names for held-out evaluation (issue 15): words composed from the
// morphology of each naming tradition (Javanese prefix + stem + gendered ending, Sundanese reduplicated
// syllables, Arabic roots in their noun patterns, Batak "Si-"/"Lumban-" marga, Minahasa and Maluku
// clan names, Chinese-Indonesian surnames built on a clan syllable) rather than taken from a list.
// It gives the tens of thousands of distinct words a real watchlist holds, so that 20,000 entries
// share full names about as rarely as real people do. Any word the engine's own lists hold is left
// out, so these are names the engine was never tuned on. Frequencies follow a Zipf law over a
// shuffled vocabulary (a few words common, most rare), as name frequency tables do.
import * as Engine from '../names/indonesian-names.js';
import { Rng, WeightedPicker } from './rng.js';

/** Every word of the engine's name lists, lower case. */
export function engineWords(): Set<string> {
  const words = new Set<string>();
  for (const list of Object.values(Engine))
    if (Array.isArray(list))
      for (const [name] of list as ReadonlyArray<readonly [string, number]>)
        for (const w of name.toLowerCase().split(/[ -]/)) words.add(w);
  return words;
}

const VOWEL = /[aiueo]$/;
const cap = (s: string) => s[0].toUpperCase() + s.slice(1);

/** Joins morphemes, with the glide Indonesian spelling puts between two vowels (Su + anto: Suyanto). */
function join(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    if (p === '') continue;
    if (out !== '' && VOWEL.test(out) && /^[aiueo]/.test(p))
      out += /[iu]$/.test(out) ? (out.endsWith('u') ? 'w' : 'y') + p : p.slice(1);
    else out += p;
  }
  return cap(out);
}

function cross(...slots: ReadonlyArray<readonly string[]>): string[] {
  let acc: string[][] = [[]];
  for (const slot of slots) acc = acc.flatMap((a) => slot.map((s) => [...a, s]));
  return acc.map(join);
}

// prettier-ignore
const JAVA_PREFIX = ['Su', 'Sa', 'Pra', 'Har', 'Wi', 'Pur', 'Sar', 'Kus', 'Dar', 'Sis', 'Tri', 'Ju', 'Tu', 'Nga', 'Sla', 'Mu', 'Ka', 'Pa', 'Wa', 'Gu', 'Ra', 'Ha', 'Ba', 'Di', 'Ri', 'Se', 'Mar', 'Tar', 'War', 'Yu'];
// prettier-ignore
const JAVA_MIDDLE = ['', 'ka', 'ta', 'ma', 'ra', 'ya', 'di', 'ri', 'mi', 'to', 'no', 'gi', 'pi', 'dar', 'jo', 'lis'];
// prettier-ignore
const JAVA_M_END = ['no', 'to', 'yo', 'man', 'min', 'di', 'jo', 'yanto', 'yono', 'anto', 'ono', 'ardi', 'aryo', 'ito', 'adi', 'wan', 'iman', 'ijan', 'ikun', 'irin'];
// prettier-ignore
const JAVA_F_END = ['ni', 'yem', 'nah', 'ti', 'wati', 'ningsih', 'yati', 'sih', 'rti', 'yah', 'iyem', 'inem', 'mi', 'nik', 'rsih', 'yani', 'tun', 'ijah'];

// prettier-ignore
const SUNDA_ONSET = ['d', 'c', 'j', 'n', 't', 'm', 'k', 'y', 'h', 'w', 'l', 'r', 'b', 'g', 's', 'p'];
const SUNDA_CODA = ['ng', 'n', 'p', 'h', 's', 't'];
/** Sundanese given names repeat their first consonant: Dadang, Cecep, Nanang, Tatang, Momon. */
function sundaWords(): string[] {
  const out: string[] = [];
  for (const c of SUNDA_ONSET)
    for (const v1 of ['a', 'e', 'o', 'u', 'i'])
      for (const v2 of ['a', 'e', 'o', 'u', 'i'])
        for (const coda of SUNDA_CODA) out.push(cap(`${c}${v1}${c}${v2}${coda}`));
  return out;
}

/** Arabic roots in Indonesian spelling (consonant, consonant, consonant). */
// prettier-ignore
const ROOTS = ['k r m', 'h l m', 's l m', 'r h m', 'f d l', 'h m d', 'n s r', 'j l l', 'kh l d', 'sy k r', 'th h r', 'z k r', 's b r', 'f t h', 'r sy d', 'q d r', 'h k m', 'n z r', 'b sy r', 'm l k', 'r z q', 'h f z', 'j b r', 'w h d', 's m d', 'l t f', 'n j m', 'f r d', 'h b b', 'z h r', 'q s m', 's d q', 'kh t b', 'gh f r', 'dh k r', 'f q h', 's l h', 'h s n', 'n y l', 'r f q', 'b h j', 'th y b', 'w j d', 'f h m', 'm j d', 'z y n', 'h d y', 'q w m', 'f w z', 'r d w'];
// prettier-ignore
const ROOT_PATTERNS_M = ['1a2i3', '1a2a3', '1a23an', 'ma12u3', '1u2ai3', '1a2i3uddin', '1a23ullah', 'mu1a22i3'];
// prettier-ignore
const ROOT_PATTERNS_F = ['1a2i3ah', '1a23iyah', '1u2a3ah', 'ma12u3ah', '1a2ii3ah', '1a2a3ah', '1a23a', 'mu1a22i3ah'];
function arabicWords(patterns: readonly string[]): string[] {
  const out: string[] = [];
  for (const root of ROOTS) {
    const [a, b, c] = root.split(' ');
    for (const p of patterns)
      out.push(
        cap(
          p
            .replace('1', a)
            .replace(/22/, b + b)
            .replace('2', b)
            .replace('3', c),
        ),
      );
  }
  return out.filter((w) => !/(.)\1\1/.test(w.toLowerCase()));
}

// prettier-ignore
const BATAK_STEM = ['tompul', 'barani', 'hombing', 'regar', 'torus', 'galingging', 'manullang', 'bolon', 'tumorang', 'ringo', 'pahutar', 'gultom', 'butar', 'hotang', 'rajagukguk', 'tinjak', 'boru', 'manik', 'dabutar', 'tanjak', 'lumbun', 'pea', 'raja', 'naiborhu', 'matupang'];
function batakWords(): string[] {
  return [...cross(['Si'], BATAK_STEM), ...cross(['Lumban', 'Huta', 'Pasa'], BATAK_STEM.slice(0, 12))];
}

// prettier-ignore
const EAST_PREFIX = ['Latu', 'Patti', 'Tua', 'Wai', 'Ruma', 'Lei', 'Huwa', 'Sapu', 'Talla', 'Mata', 'Nda', 'Lai', 'Ratu', 'Kai'];
// prettier-ignore
const EAST_STEM = ['hena', 'seru', 'wael', 'pessy', 'kotta', 'mahu', 'lessy', 'ruw', 'tuny', 'lawa', 'loko', 'bessy', 'ina', 'mual'];
const MINAHASA_PREFIX = ['Ru', 'Wu', 'Ta', 'Lu', 'Po', 'Ka', 'Mo', 'Sum', 'Ran', 'Leng'];
// prettier-ignore
const MINAHASA_END = ['mengan', 'isan', 'ampouw', 'ntu', 'ndeng', 'wulan', 'lumbuan', 'kolo', 'ndap', 'ogi', 'nggor'];
const CHINESE_CLAN = ['Tanu', 'Tan', 'Lim', 'Go', 'Liem', 'Oei', 'Kwee', 'Hadi', 'Sali', 'Gun', 'Wi'];
// prettier-ignore
const CHINESE_END = ['atmadja', 'sentosa', 'widjaja', 'dinata', 'harja', 'santosa', 'gunawan', 'prawira', 'sasmita', 'darma', 'wibawa'];
// prettier-ignore
const CHRISTIAN_M = ['Agus', 'Bene', 'Kor', 'Mar', 'Vin', 'Fla', 'Yo', 'Ger', 'Sil', 'Ber', 'Ful', 'Hen', 'Kris', 'Lo', 'Ro', 'Teo'];
// prettier-ignore
const CHRISTIAN_M_END = ['tinus', 'nedikus', 'nelius', 'kus', 'sensius', 'vianus', 'hanis', 'ardus', 'vester', 'nardus', 'gensius', 'drikus', 'tianus', 'renso', 'binus', 'dorus'];
// prettier-ignore
const CHRISTIAN_F_END = ['tina', 'dikta', 'nelia', 'sela', 'sensia', 'viana', 'hana', 'arda', 'vestra', 'narda', 'gensia', 'drika', 'tiana', 'rensia', 'bina', 'dora'];
const BALI_PREFIX = ['Wira', 'Dharma', 'Arta', 'Yasa', 'Jaya', 'Sukma', 'Adi', 'Mertha', 'Sura', 'Gita'];
const BALI_M_END = ['sana', 'dika', 'wan', 'tha', 'yasa', 'ntara', 'dnyana', 'guna', 'putra', 'wijaya'];
const BALI_F_END = ['sani', 'dewi', 'wati', 'thi', 'yanti', 'ntari', 'dnyani', 'gunawati', 'putri', 'sari'];

export type ComposedSlot =
  | 'java_m'
  | 'java_f'
  | 'sunda'
  | 'arabic_m'
  | 'arabic_f'
  | 'batak_family'
  | 'east_family'
  | 'minahasa_family'
  | 'chinese_family'
  | 'christian_m'
  | 'christian_f'
  | 'bali_m'
  | 'bali_f';

const VOCABULARY: Record<ComposedSlot, () => string[]> = {
  java_m: () => cross(JAVA_PREFIX, JAVA_MIDDLE, JAVA_M_END),
  java_f: () => cross(['Sri', ...JAVA_PREFIX], JAVA_MIDDLE, JAVA_F_END),
  sunda: sundaWords,
  arabic_m: () => arabicWords(ROOT_PATTERNS_M),
  arabic_f: () => arabicWords(ROOT_PATTERNS_F),
  batak_family: batakWords,
  east_family: () => cross(EAST_PREFIX, EAST_STEM),
  minahasa_family: () => cross(MINAHASA_PREFIX, MINAHASA_END),
  chinese_family: () => cross(CHINESE_CLAN, CHINESE_END),
  christian_m: () => cross(CHRISTIAN_M, CHRISTIAN_M_END),
  christian_f: () => cross(CHRISTIAN_M, CHRISTIAN_F_END),
  bali_m: () => cross(BALI_PREFIX, BALI_M_END),
  bali_f: () => cross(BALI_PREFIX, BALI_F_END),
};

/** Zipf exponent: a word's weight falls as 1 / (rank + 20)^1.05, close to given-name frequency tables. */
const ZIPF = 1.05;

/** Weighted pickers over each slot's composed vocabulary, built once per seed (the shuffle sets which words are common). */
export class ComposedNames {
  private readonly pickers = new Map<ComposedSlot, WeightedPicker<string>>();
  private readonly excluded = engineWords();

  constructor(private readonly seed: number) {}

  /** The slot's distinct words (the engine's own words removed), for the spec and the report. */
  words(slot: ComposedSlot): string[] {
    return [...new Set(VOCABULARY[slot]())].filter((w) => !this.excluded.has(w.toLowerCase()));
  }

  pick(slot: ComposedSlot, rng: Rng): string {
    let picker = this.pickers.get(slot);
    if (picker === undefined) {
      const words = this.words(slot);
      const order = new Rng(this.seed * 7_919 + slot.length * 131 + slot.charCodeAt(0));
      for (let i = words.length - 1; i > 0; i--) {
        const j = order.int(i + 1);
        [words[i], words[j]] = [words[j], words[i]];
      }
      picker = new WeightedPicker(words.map((w, rank) => [w, 1 / Math.pow(rank + 20, ZIPF)] as const));
      this.pickers.set(slot, picker);
    }
    return picker.pick(rng);
  }
}
