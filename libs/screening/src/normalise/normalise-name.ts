// Turns a name as written on any Indonesian document into comparable tokens: folded case and
// diacritics, no punctuation, titles and degrees removed, the father's name after bin/binti marked,
// old spellings modernised, doubled letters collapsed, Muhammad and Abd- compounds in one form,
// compounds split, initials marked. Token order is kept but never relied on by the scorer.
import { ABD_OPENERS, MUHAMMAD, canonicalAbd, expandLeadingAbbreviation, isMuhammad } from './arabic.js';
import { splitCompound } from './compounds.js';
import { collapseDoubles, modernise } from './spelling.js';
import {
  BALINESE_ARTICLES,
  BALINESE_NAME_WORDS,
  DOTTED_LEADING_TITLES,
  JOINED_PARTICLES,
  LATE_PATRONYMIC_PARTICLES,
  LEADING_TITLES,
  PATRONYMIC_PARTICLES,
  TRAILING_DEGREES,
} from './titles.js';

export interface NameToken {
  /** Lower-case a-z, modern spelling. */
  text: string;
  /** A single letter standing for a name word (B. Santoso). */
  initial: boolean;
  /** Part of the father's name, after bin/binti: often left out, so missing it costs little. */
  patronymic: boolean;
  /** The written form differed (old spelling, Muhammad variant, doubled letters): for the reasons. */
  respelled: boolean;
  /** A later part of one written word split as a compound (the yanto of Triyanto). */
  compoundPart?: true;
}

export interface NormalisedName {
  tokens: NameToken[];
}

interface Word {
  text: string;
  dotted: boolean;
  afterComma: boolean;
}

const APOSTROPHES = /['’‘`´ʼ]/g;
const PIECES = /[^\s,\-/_()]+|,/g;
const NON_LETTERS = /[^a-z]/g;
const COMBINING_MARKS = /\p{M}/gu;

/** Case and diacritics folded, apostrophes dropped (Ma'ruf → maruf): the text the rules work on. */
export function foldText(raw: string): string {
  return raw.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase().replace(APOSTROPHES, '');
}

function splitWords(folded: string): Word[] {
  // Malaysian a/l, a/p (son of, daughter of) are patronymic particles like bin/binti.
  const text = folded.replace(/\ba\/[lp]\b/g, ' bin ');
  const words: Word[] = [];
  let afterComma = false;
  for (const [piece] of text.matchAll(PIECES)) {
    if (piece === ',') {
      afterComma = true;
      continue;
    }
    const dotless = piece.replace(NON_LETTERS, '');
    // S.Pd., K.H., A.Md.: a dotted abbreviation that is one title, not a run of initials.
    const wholeTitle = piece.includes('.') && (TRAILING_DEGREES.has(dotless) || LEADING_TITLES.has(dotless));
    const parts = wholeTitle ? [piece] : piece.split(/(?<=\.)/);
    for (const part of parts) {
      const letters = part.replace(NON_LETTERS, '');
      if (letters.length === 0) continue;
      words.push({ text: letters, dotted: part.includes('.'), afterComma });
    }
  }
  return words;
}

function isLeadingTitle(word: Word, next: Word | undefined): boolean {
  if (LEADING_TITLES.has(word.text)) return true;
  if (word.dotted && DOTTED_LEADING_TITLES.has(word.text)) return true;
  return BALINESE_ARTICLES.has(word.text) && next !== undefined && BALINESE_NAME_WORDS.has(next.text);
}

function stripTitles(words: Word[]): Word[] {
  let start = 0;
  while (start < words.length - 1 && isLeadingTitle(words[start], words[start + 1])) start++;
  let end = words.length;
  // Everything after the first comma that looks like a degree goes (Budi, S.H., M.H.)...
  const comma = words.findIndex((w, i) => i > start && w.afterComma);
  if (comma > start) {
    const kept = words
      .slice(start, end)
      .filter(
        (w, i) => i + start < comma || !(w.dotted || TRAILING_DEGREES.has(w.text) || w.text.length === 1),
      );
    return trimTrailingDegrees(kept);
  }
  return trimTrailingDegrees(words.slice(start, end));

  function trimTrailingDegrees(list: Word[]): Word[] {
    // ...and dotted degrees at the end without a comma (Budi Santoso S.Pd.).
    end = list.length;
    while (end > 1 && list[end - 1].dotted && TRAILING_DEGREES.has(list[end - 1].text)) end--;
    return list.slice(0, end);
  }
}

interface Marked {
  text: string;
  patronymic: boolean;
  respelled: boolean;
  dotted: boolean;
}

function markPatronymics(words: Word[]): Marked[] {
  const out: Marked[] = [];
  let patronymic = false;
  words.forEach((w, i) => {
    const particle =
      i > 0 &&
      i < words.length - 1 &&
      (PATRONYMIC_PARTICLES.has(w.text) ||
        LATE_PATRONYMIC_PARTICLES.has(w.text) ||
        (w.text === 'b' && w.dotted));
    if (particle) {
      patronymic = true;
      return;
    }
    const modern = modernise(w.text);
    const collapsed = collapseDoubles(modern.text);
    out.push({
      text: collapsed,
      patronymic,
      respelled: modern.changed || collapsed !== w.text,
      dotted: w.dotted,
    });
  });
  return out;
}

/** Abd + Rahman, al + Fatih, da + Costa: written apart or together, compared together. */
function joinParticles(words: Marked[]): Marked[] {
  const out: Marked[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    if (
      next !== undefined &&
      next.patronymic === w.patronymic &&
      (ABD_OPENERS.has(w.text) || JOINED_PARTICLES.has(w.text))
    ) {
      out.push({ ...next, text: w.text + next.text, respelled: true });
      i++;
    } else {
      out.push(w);
    }
  }
  return out;
}

function toTokens(words: Marked[]): NameToken[] {
  const tokens: NameToken[] = [];
  words.forEach((w, i) => {
    if (i === 0) {
      const expanded = expandLeadingAbbreviation(w.text, w.dotted);
      if (expanded !== undefined) {
        tokens.push({ text: expanded, initial: false, patronymic: w.patronymic, respelled: true });
        return;
      }
    }
    if (isMuhammad(w.text, i === 0)) {
      tokens.push({
        text: MUHAMMAD,
        initial: false,
        patronymic: w.patronymic,
        respelled: w.text !== 'muhamad',
      });
      return;
    }
    const abd = canonicalAbd(w.text);
    splitCompound(abd).forEach((part, at) => {
      tokens.push({
        text: part,
        initial: part.length === 1,
        patronymic: w.patronymic,
        respelled: w.respelled || abd !== w.text,
        ...(at > 0 ? { compoundPart: true as const } : {}),
      });
    });
  });
  return tokens;
}

/**
 * How many written words the tokens stand for: a compound split in two (Tri|yanto, Nur|hayati) is
 * still one word of the name. The thin-match rule and the ministry's warning count these (ADR 0013),
 * so one Triyanto is as thin as one Ani.
 */
export function writtenWordCount(tokens: readonly NameToken[]): number {
  let words = 0;
  for (const t of tokens) if (t.compoundPart !== true) words++;
  return words;
}

/** Normalises one written name (a full name or an alias). Never throws; may return no tokens. */
export function normaliseName(raw: string): NormalisedName {
  const words = splitWords(foldText(raw));
  if (words.length === 0) return { tokens: [] };
  const tokens = toTokens(joinParticles(markPatronymics(stripTitles(words))));
  return { tokens };
}
