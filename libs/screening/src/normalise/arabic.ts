// Arabic-derived names: the Muhammad family and the Abd- compounds, both written in many ways.

/** The one form every spelling of Muhammad becomes. */
export const MUHAMMAD = 'muhammad';

// After modernising and collapsing doubles: muhamad, mohamad, mohamed, muhamed, mukhamad (Muchammad),
// mokhamad (Mochamad), muhamat... Mahmud and Mamat do not fit the pattern and stay themselves.
const MUHAMMAD_SPELLING = /^m[uo]k?h?[ae]m[ae][dt]$/;

/** Abbreviations of Muhammad seen on documents (Moh., Muh., Mhd., Mochd.); `m` alone only in first place. */
const MUHAMMAD_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'moh',
  'muh',
  'mhd',
  'mohd',
  'muhd',
  'mokh',
  'mukh',
  'mokhd',
  'mukhd',
  'mch',
  'md',
]);

/** True when a (modernised, collapsed) word is a spelling or an abbreviation of Muhammad. */
export function isMuhammad(word: string, first: boolean): boolean {
  return MUHAMMAD_SPELLING.test(word) || MUHAMMAD_ABBREVIATIONS.has(word) || (first && word === 'm');
}

/** `St.` before a name is the common abbreviation of Siti (Hj. St. Aminah). */
export function expandLeadingAbbreviation(word: string, dotted: boolean): string | undefined {
  if (dotted && (word === 'st' || word === 'sti')) return 'siti';
  return undefined;
}

/** Words that open an Abd- compound and are joined to the next word (Abdul Rahman → one word). */
export const ABD_OPENERS: ReadonlySet<string> = new Set([
  'abd',
  'abdu',
  'abdul',
  'abdur',
  'abdus',
  'abdun',
  'abdurr',
]);

/**
 * One form for an Abd- compound however it is written: Abdurrahman, Abdul Rahman, Abdurahman and
 * Abd. Rahman all become `abdrahman` (the article's l or the doubled sun letter is dropped).
 * Input is modernised with doubles collapsed; words that only start like one (Abdi) are unchanged.
 */
export function canonicalAbd(word: string): string {
  if (!word.startsWith('abd') || word.length < 6) return word;
  let rest = word.slice(3);
  if (rest.startsWith('u')) rest = rest.slice(1);
  if (rest.startsWith('l') && rest.length > 3) rest = rest.slice(1);
  return rest.length >= 2 ? `abd${rest}` : word;
}
