// Indonesian-tuned phonetic forms of a normalised name word. Soundex and first-letter blocking fail
// on Indonesian names because the variation is often at the start (Djoko/Joko, Tjahjo/Cahyo,
// Jusuf/Yusuf, Khairul/Hairul, Fitri/Pitri) and in the vowels (Zainal/Zaenal, Rizky/Rizki), so:
//
// - `variantForm` keeps the vowels but folds the spelling alternations Indonesian names really show:
//   f/p/v (Sundanese), z/s (Aziz/Azis), j/y (Wahju/Wahyu), c/ty (Prasetjo: old tj), q/k, x/ks, kh/h,
//   sy/s, dz/z, dh/d, th/t,
//   h dropped (Ahmad/Akhmad/Achmad, Sugiharto/Sugiarto), ai/ae/e and au/o (Zainal/Zaenal, Saifudin/Saefudin,
//   Taufik/Tofik), iy/uw glides (Supriyadi/Supriadi), final y/i (Rizky/Rizki), final d/t b/p
//   (Ahmad/Ahmat). Two words with the same variant form are spellings of one name.
// - `phoneticKey` is the consonant skeleton of the variant form, the blocking key of the index: it
//   also absorbs vowel typos. Words with fewer than two consonants keep their variant form, so Eko,
//   Eka and Ika stay apart.

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const VARIANT_CACHE = new Map<string, string>();

function isVowel(c: string | undefined): boolean {
  return c !== undefined && VOWELS.has(c);
}

function computeVariantForm(word: string): string {
  let s = word
    .replace(/kh/g, 'h')
    .replace(/sy|sh/g, 's')
    .replace(/dh/g, 'd')
    .replace(/dz/g, 'z')
    .replace(/th/g, 't')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/q/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/[vf]/g, 'p')
    .replace(/z/g, 's')
    .replace(/j/g, 'y')
    // c and ty: the old tj was both (Tjahjo = Cahyo, but Prasetjo = Prasetyo), so they are one sound
    .replace(/c/g, 'ty');
  // glides: Supriyadi/Supriadi, Suwarno/Suarno
  s = s.replace(/iy(?=[aeiou])/g, 'i').replace(/uw(?=[aeiou])/g, 'u');
  s = s.replace(/h/g, '');
  s = s
    .replace(/ai|ae|ei|oi/g, 'e')
    .replace(/au/g, 'o')
    .replace(/ie/g, 'i')
    .replace(/ou/g, 'u');
  // y is a vowel unless a vowel follows it (Rizky, Rizqy → riski)
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    out += c === 'y' && !isVowel(s[i + 1]) ? 'i' : c;
  }
  // final devoicing: Ahmad/Ahmat, Rajab/Rajap
  const last = out[out.length - 1];
  if (last === 'd') out = out.slice(0, -1) + 't';
  else if (last === 'b') out = out.slice(0, -1) + 'p';
  // doubled letters again, after the folds made new ones (Taufik → topik stays; Muhammad → mumad)
  let collapsed = '';
  for (let i = 0; i < out.length; i++) if (out[i] !== out[i - 1]) collapsed += out[i];
  return collapsed.length > 0 ? collapsed : word;
}

/** The spelling-variant form of a normalised word (see the file comment). Cached: the vocabulary is small. */
export function variantForm(word: string): string {
  if (word.length === 1) return word; // an initial stays its letter
  let form = VARIANT_CACHE.get(word);
  if (form === undefined) {
    form = computeVariantForm(word);
    if (VARIANT_CACHE.size < 200_000) VARIANT_CACHE.set(word, form);
  }
  return form;
}

/** The blocking key of a normalised word: consonant skeleton of its variant form (see the file comment). */
export function phoneticKey(word: string): string {
  const form = variantForm(word);
  let skeleton = '';
  for (const c of form) if (!VOWELS.has(c)) skeleton += c;
  return skeleton.length >= 2 ? skeleton : form;
}
