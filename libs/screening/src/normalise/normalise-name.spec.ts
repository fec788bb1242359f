import { describe, expect, it } from '@jest/globals';
import { normaliseName } from './normalise-name.js';
import { canonicalAbd } from './arabic.js';
import { collapseDoubles, modernise } from './spelling.js';

const words = (name: string) => normaliseName(name).tokens.map((t) => t.text);
const same = (a: string, b: string) => expect(words(a)).toEqual(words(b));

describe('normaliseName: case, diacritics, punctuation', () => {
  it('folds case and strips diacritics', () => {
    expect(words('JOSÉ Ñoño Mü')).toEqual(['jose', 'nono', 'mu']);
  });

  it('drops apostrophes inside words and splits on hyphens, slashes and commas', () => {
    expect(words("Ma'ruf Amin")).toEqual(['maruf', 'amin']);
    expect(words('Siti-Aminah/Rahayu')).toEqual(['siti', 'aminah', 'rahayu']);
  });

  it('drops digits and other symbols', () => {
    expect(words('Budi2 Santoso!!')).toEqual(['budi', 'santoso']);
  });

  it('returns no words for a name made only of punctuation', () => {
    expect(words(' - . , ')).toEqual([]);
  });
});

describe('normaliseName: titles and degrees', () => {
  it.each(['H.', 'Hj.', 'Drs.', 'Dra.', 'Ir.', 'dr.', 'Prof.', 'K.H.', 'Ust.', 'Prof. Dr. Ir.', 'H. Drs.'])(
    'removes the leading title %s',
    (title) => {
      expect(words(`${title} Ahmad Dahlan`)).toEqual(['ahmad', 'dahlan']);
    },
  );

  it.each([', S.H.', ', S.Pd.', ' S.Pd.', ', S.E., M.M.', ', S.Kom.', ', Amd.Keb.', ', M.Si.'])(
    'removes the trailing degree %s',
    (degree) => {
      expect(words(`Budi Santoso${degree}`)).toEqual(['budi', 'santoso']);
    },
  );

  it('keeps words after a comma that are not degrees (family name first)', () => {
    expect(words('Santoso, Budi')).toEqual(['santoso', 'budi']);
  });

  it('reads St. before a name as Siti and drops Balinese articles before birth-order names', () => {
    expect(words('Hj. St. Aminah')).toEqual(['siti', 'aminah']);
    expect(words('I Wayan Sudarta')).toEqual(['wayan', 'sudarta']);
    expect(words('Ni Made Suartini')).toEqual(['made', 'suartini']);
  });

  it('never removes every word (a name that is only a title stays)', () => {
    expect(words('Haji')).toEqual(['haji']);
  });
});

describe('normaliseName: bin and binti', () => {
  it('drops the particle and marks the father name as patronymic', () => {
    const tokens = normaliseName('Ahmad bin Yusuf').tokens;
    expect(tokens.map((t) => [t.text, t.patronymic])).toEqual([
      ['ahmad', false],
      ['yusuf', true],
    ]);
    expect(normaliseName('Siti Aminah binti Abdullah').tokens.map((t) => t.patronymic)).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('treats Ibnu as a given name when it comes first', () => {
    expect(normaliseName('Ibnu Sina').tokens.map((t) => [t.text, t.patronymic])).toEqual([
      ['ibnu', false],
      ['sina', false],
    ]);
  });
});

describe('normaliseName: pre-1972 spellings', () => {
  it.each([
    ['Soeharto', 'Suharto'],
    ['Djoko', 'Joko'],
    ['Tjahjo', 'Cahyo'],
    ['Jusuf', 'Yusuf'],
    ['Soejono', 'Suyono'],
    ['Sjahrir', 'Syahrir'],
    ['Njoto', 'Nyoto'],
    ['Chairul', 'Khairul'],
    ['Widjaja', 'Wijaya'],
    ['Tjokroaminoto', 'Cokroaminoto'],
    ['Djojohadikoesoemo', 'Joyohadikusumo'],
    ['Joesoef', 'Yusuf'],
  ])('%s reads as %s', (old, modern) => same(old, modern));

  it('leaves modern words with nj and j alone (Tanjung, Joko)', () => {
    expect(words('Tanjung Panjaitan Joko')).toEqual(['tanjung', 'panjaitan', 'joko']);
  });

  it('reads ch before r as k (Christina) and marks old spellings as respelled', () => {
    same('Christina', 'Kristina');
    expect(modernise('soeharto')).toEqual({ text: 'suharto', changed: true });
    expect(modernise('suharto')).toEqual({ text: 'suharto', changed: false });
  });
});

describe('normaliseName: doubled letters', () => {
  it('collapses them', () => {
    same('Hassan', 'Hasan');
    same('Abdullah', 'Abdulah');
    expect(collapseDoubles('mutiarra')).toBe('mutiara');
  });
});

describe('normaliseName: the Muhammad family', () => {
  it.each([
    'Muhammad',
    'Muhamad',
    'Mohammad',
    'Mohamad',
    'Mochammad',
    'Mochamad',
    'Muchammad',
    'Mohammed',
    'Moh.',
    'Moch.',
    'Muh.',
    'Mhd.',
    'Mohd',
    'M.',
  ])('%s Rizki is muhammad rizki', (form) => {
    expect(words(`${form} Rizki`)).toEqual(['muhammad', 'rizki']);
  });

  it('keeps Mahmud and reads a later M. as an initial', () => {
    expect(words('Mahmud')).toEqual(['mahmud']);
    const tokens = normaliseName('Rudi M. Siregar').tokens;
    expect(tokens.map((t) => [t.text, t.initial])).toEqual([
      ['rudi', false],
      ['m', true],
      ['siregar', false],
    ]);
  });
});

describe('normaliseName: compounds written together or apart', () => {
  it('gives Abd- compounds one form', () => {
    same('Abdurrahman', 'Abdul Rahman');
    same('Abd. Rahman', 'Abdurahman');
    same('Abdul Aziz', 'Abdulaziz');
    expect(canonicalAbd('abdi')).toBe('abdi');
  });

  it('splits Nur-, Sri- and -sari compounds, but not Agustina', () => {
    same('Siti Nurhaliza', 'Siti Nur Haliza');
    same('Nurulhuda', 'Nurul Huda');
    same('Sriwahyuni', 'Sri Wahyuni');
    same('Kurniasari', 'Kurnia Sari');
    expect(words('Agustina')).toEqual(['agustina']);
  });

  it('joins al- and da- particles to the next word', () => {
    same('Al Fatih', 'Alfatih');
    same('José da Costa', 'Jose Dacosta');
  });
});

describe('normaliseName: initials, order and mononyms', () => {
  it('marks single letters as initials', () => {
    expect(normaliseName('B. Santoso').tokens.map((t) => [t.text, t.initial])).toEqual([
      ['b', true],
      ['santoso', false],
    ]);
  });

  it('keeps the written order (the scorer ignores it)', () => {
    expect(words('Santoso Budi')).toEqual(['santoso', 'budi']);
  });

  it('keeps a mononym as one word', () => {
    expect(words('Sutrisno')).toEqual(['sutrisno']);
  });
});
