import { describe, expect, it } from '@jest/globals';
import { normaliseName } from '../normalise/normalise-name.js';
import { phoneticKey, variantForm } from './phonetic-key.js';

/** Keys of a written name, through the normaliser as the index computes them. */
const keys = (name: string) => normaliseName(name).tokens.map((t) => phoneticKey(t.text));
const forms = (name: string) => normaliseName(name).tokens.map((t) => variantForm(t.text));

describe('phoneticKey: pairs that first-letter blocking and Soundex miss share a key', () => {
  it.each([
    ['Djoko', 'Joko'],
    ['Tjahjo', 'Cahyo'],
    ['Jusuf', 'Yusuf'],
    ['Soeharto', 'Suharto'],
    ['Chairul', 'Hairul'],
    ['Khoirul', 'Khairul'],
    ['Achmad', 'Ahmad'],
    ['Wahju', 'Wahyu'],
  ])('%s and %s', (a, b) => {
    expect(keys(a)).toEqual(keys(b));
  });
});

describe('variantForm: spellings of one name have one form', () => {
  it.each([
    ['Yusuf', 'Yusup'],
    ['Rizky', 'Rizki'],
    ['Rizqi', 'Riski'],
    ['Zainal', 'Zaenal'],
    ['Saifuddin', 'Saefudin'],
    ['Supriyadi', 'Supriadi'],
    ['Ahmad', 'Ahmat'],
    ['Taufik', 'Taufiq'],
    ['Sugiharto', 'Sugiarto'],
    ['Prasetjo', 'Prasetyo'],
    ['Fitri', 'Pitri'],
    ['Aziz', 'Azis'],
  ])('%s and %s', (a, b) => {
    expect(forms(a)).toEqual(forms(b));
  });

  it('keeps different names apart: Putri and Fitri, Eko and Eka', () => {
    expect(forms('Putri')).not.toEqual(forms('Fitri'));
    expect(keys('Eko')).not.toEqual(keys('Eka'));
  });

  it('leaves an initial as its letter', () => {
    expect(variantForm('b')).toBe('b');
  });
});

describe('phoneticKey: shape', () => {
  it('is the consonant skeleton of the variant form, or the form itself when it has under two consonants', () => {
    expect(phoneticKey('setiawan')).toBe('stwn');
    expect(phoneticKey('eko')).toBe('eko');
  });
});
