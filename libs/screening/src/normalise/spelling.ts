// Pre-1972 (Van Ophuijsen / Soewandi) spellings still live on in names: Soeharto, Djoko, Tjahjo,
// Jusuf, Sjahrir, Njoman, Chairul. The 1972 reform (EYD) mapped oe→u, dj→j, tj→c, j→y, sj→sy,
// nj→ny, ch→kh. Every name is brought to the modern spelling so both spellings meet.

/**
 * Old-spelling names whose only old letter is j = y: nothing else in the word betrays the old
 * spelling, and a modern j is a different sound (Joko), so they are listed. Also ch = c names.
 */
const LEXICON: ReadonlyMap<string, string> = new Map([
  ['jusuf', 'yusuf'],
  ['jusup', 'yusup'],
  ['jahja', 'yahya'],
  ['jahya', 'yahya'],
  ['jasin', 'yasin'],
  ['jakub', 'yakub'],
  ['jakob', 'yakob'],
  ['junus', 'yunus'],
  ['jani', 'yani'],
  ['johanes', 'yohanes'],
  ['johannes', 'yohanes'],
  ['julius', 'yulius'],
  ['juliana', 'yuliana'],
  ['juliani', 'yuliani'],
  ['jeni', 'yeni'],
  ['jenny', 'yeni'],
  ['jenni', 'yeni'],
  ['juni', 'yuni'],
  // ch read as c in Sanskrit-derived and Western names, not as kh
  ['chandra', 'candra'],
  ['chintya', 'cintya'],
  ['chinta', 'cinta'],
  ['chika', 'cika'],
  ['cheng', 'ceng'],
]);

/**
 * Letter pairs that only the old spelling used: a word containing one is old-spelled throughout.
 * nj counts only at the start of a word (Njoto, Njoman): inside a word it is also modern (Tanjung,
 * Panjaitan, Sanjaya), so there it is only rewritten when another marker shows the word is old.
 */
const OLD_MARKERS = /oe|dj|tj|sj|ch|^nj/;

/** Brings one lower-case a-z word to the modern spelling. `changed` says whether it was old-spelled. */
export function modernise(word: string): { text: string; changed: boolean } {
  const listed = LEXICON.get(word);
  if (listed !== undefined) return { text: listed, changed: true };
  if (!OLD_MARKERS.test(word)) return { text: word, changed: false };
  // One left-to-right pass over the source, so letters produced by one rule never feed another
  // (Tjhin → chin, not khin). 'J' marks a j that came from dj and must stay a j.
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const pair = word.slice(i, i + 2);
    if (pair === 'oe') {
      out += 'u';
      i++;
    } else if (pair === 'dj') {
      out += 'J';
      i++;
    } else if (pair === 'tj') {
      out += 'c';
      i++;
    } else if (pair === 'sj') {
      out += 'sy';
      i++;
    } else if (pair === 'nj' && (i === 0 || OLD_MARKERS.test(word.slice(0, i) + word.slice(i + 2)))) {
      out += 'ny';
      i++;
    } else if (pair === 'ch') {
      // Christina, Chrisna: ch before r was always a k sound
      out += word[i + 2] === 'r' ? 'k' : 'kh';
      i++;
    } else if (word[i] === 'j') {
      out += 'y'; // in an old-spelled word a lone j is the modern y (Tjahjo → Cahyo)
    } else {
      out += word[i];
    }
  }
  return { text: out.replaceAll('J', 'j'), changed: true };
}

/** Doubled letters carry no meaning in Indonesian names (Hassan/Hasan, Abdullah/Abdulah, Mutiarra). */
export function collapseDoubles(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) if (word[i] !== word[i - 1]) out += word[i];
  return out;
}
