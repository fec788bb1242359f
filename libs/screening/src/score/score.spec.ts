import { describe, expect, it } from '@jest/globals';
import { normaliseName } from '../normalise/normalise-name.js';
import type { BirthAgreement } from '../identifiers/birth.js';
import { gatherEvidence, type PairEvidence, type PersonView } from './evidence.js';
import { FEATURES, FEATURE_SIGNS, Model, NIK_MATCH_SCORE, featureVector } from './model.js';
import { MODEL_COEFFICIENTS } from './model-coefficients.js';
import { NAME_FLAGS, alignNames, type ScoredToken } from './name-alignment.js';
import { POLICY, decide, matchEffect } from './policy.js';
import { reasonsFor } from './reasons.js';
import { tokenSimilarity } from './token-similarity.js';
import { RARE_TOKEN_WEIGHT, UNKNOWN_TOKEN_WEIGHT, tokenWeight } from './token-weight.js';

const name = (written: string): ScoredToken[] =>
  normaliseName(written).tokens.map((t) => ({ ...t, weight: tokenWeight(t.text, t.initial) }));
const align = (a: string, b: string) => alignNames(name(a), name(b), tokenSimilarity);
const view = (written: string, extra: Partial<PersonView> = {}): PersonView => ({
  names: [name(written)],
  births: [],
  nationality: 'IDN',
  ...extra,
});
const model = new Model();
const evidence = (a: PersonView, b: PersonView) => gatherEvidence(a, b, tokenSimilarity, model.nameValue);
const baseEvidence = (over: Partial<PairEvidence> = {}): PairEvidence => ({
  name: align('Budi Santoso', 'Budi Santoso'),
  alias: false,
  birth: 'exact',
  sex: 'match',
  nik: 'unknown',
  passport: 'unknown',
  nationalityConflict: false,
  ...over,
});

describe('token weights', () => {
  it('say little for common words and much for rare ones', () => {
    expect(tokenWeight('muhammad', false)).toBeLessThan(4);
    expect(tokenWeight('siti', false)).toBeLessThan(4);
    expect(tokenWeight('sutrisno', false)).toBeGreaterThan(tokenWeight('siti', false));
    expect(tokenWeight('qwxzvb', false)).toBe(UNKNOWN_TOKEN_WEIGHT);
  });

  it('weigh a word the table does not know below one it lists as rare (ADR 0014)', () => {
    // abdhermawan is listed with a count of 5 in 200,000: known to be rare
    expect(tokenWeight('abdhermawan', false)).toBeGreaterThan(UNKNOWN_TOKEN_WEIGHT);
    expect(tokenWeight('abdhermawan', false)).toBeLessThanOrEqual(RARE_TOKEN_WEIGHT);
    // an unknown word (a regional name the lists miss, or a typo) says more than a common one
    expect(tokenWeight('sukarti', false)).toBe(UNKNOWN_TOKEN_WEIGHT);
    expect(UNKNOWN_TOKEN_WEIGHT).toBeGreaterThan(tokenWeight('sutrisno', false));
    expect(tokenWeight('b', true)).toBeLessThan(tokenWeight('budi', false));
  });
});

describe('token similarity', () => {
  it('grades exact, spelling variant, typo, initial and unrelated words', () => {
    expect(tokenSimilarity('budi', 'budi')).toEqual({ sim: 1, kind: 'exact' });
    expect(tokenSimilarity('yusuf', 'yusup').kind).toBe('variant');
    expect(tokenSimilarity('setiawan', 'setiawna')).toMatchObject({ kind: 'typo' });
    expect(tokenSimilarity('b', 'budi')).toEqual({ sim: 1, kind: 'initial' });
    expect(tokenSimilarity('b', 'santoso').kind).toBe('none');
    expect(tokenSimilarity('agus', 'rahayu').kind).toBe('none');
  });

  it('reads a slip in the written word as a typo even when the variant forms drift apart (ADR 0014)', () => {
    // the variant forms are aryadi / aride, nayim / naimi, yuyan / iyan, asrori / asre: too far apart,
    // but each written pair is one transposition or one dropped letter
    for (const [a, b] of [
      ['haryadi', 'harydai'],
      ['najim', 'najmi'],
      ['jujan', 'jjan'],
      ['asrori', 'asrroi'],
      ['mudiyati', 'mudiyai'],
      ['khasanah', 'khaanah'],
    ])
      expect(tokenSimilarity(a, b)).toMatchObject({ kind: 'typo' });
    // still not a typo: two different names
    expect(tokenSimilarity('agus', 'agung').kind).toBe('none');
    expect(tokenSimilarity('rina', 'rini').sim).toBeLessThan(0.6);
  });

  it('rates a vowel change that makes another name low (Rina/Rini, Yanti/Yanto)', () => {
    expect(tokenSimilarity('rina', 'rini').sim).toBeLessThan(0.6);
    expect(tokenSimilarity('yanti', 'yanto').sim).toBeLessThan(0.6);
    expect(tokenSimilarity('setiawan', 'setiawam').sim).toBeGreaterThan(0.8);
  });
});

describe('name alignment', () => {
  it('ignores word order but says it changed', () => {
    const a = align('Budi Santoso', 'Santoso Budi');
    expect(a.unmatchedA + a.unmatchedB).toBe(0);
    expect(a.flags & NAME_FLAGS.order).toBeTruthy();
  });

  it('tells an omitted word (one side only) from a conflicting one (both sides)', () => {
    const omitted = align('Agus Budi Setiawan', 'Agus Setiawan');
    expect(omitted.unmatchedWordsA).toBe(1);
    expect(omitted.unmatchedWordsB).toBe(0);
    expect(omitted.flags & NAME_FLAGS.missing).toBeTruthy();
    const conflict = align('Agus Pratama', 'Agus Setiawan');
    expect(conflict.flags & NAME_FLAGS.conflict).toBeTruthy();
  });

  it('counts a missing father name at 30%', () => {
    const a = align('Ahmad Fauzi bin Yusuf', 'Ahmad Fauzi');
    expect(a.unmatchedWordsA).toBe(0);
    expect(a.unmatchedA).toBeCloseTo(0.3 * tokenWeight('yusuf', false), 6);
  });

  it('matches two words written as one (compound) and initials', () => {
    expect(align('Budi Santoso', 'Budisantoso').flags & NAME_FLAGS.compound).toBeTruthy();
    const initial = align('B. Santoso', 'Budi Santoso');
    expect(initial.flags & NAME_FLAGS.initial).toBeTruthy();
    expect(initial.unmatchedA + initial.unmatchedB).toBe(0);
  });

  it('weighs a shared rare word above a shared common one', () => {
    expect(align('Siti Sukinah', 'Siti Sukinah').matched).toBeGreaterThan(
      align('Siti Aminah', 'Siti Rahayu').matched,
    );
  });

  it('flags an exact match only when every word is identical', () => {
    expect(align('Budi Santoso', 'Budi Santoso').flags & NAME_FLAGS.exact).toBeTruthy();
    expect(align('Budi Santoso', 'Budi Santosa').flags & NAME_FLAGS.exact).toBeFalsy();
  });
});

describe('evidence and reasons', () => {
  it('uses the best pair of names, aliases included, and says so', () => {
    const e = evidence(
      view('Rahmat Hidayat'),
      view('Kang Ujang', { names: [name('Kang Ujang'), name('Rahmat Hidayat')] }),
    );
    expect(e.alias).toBe(true);
    expect(reasonsFor(e, { nikAgreesWithDob: true, nikAgreesWithSex: true })).toEqual([
      'name_exact',
      'name_alias',
    ]);
  });

  it('reports NIK and passport agreement, and a traveller NIK that disagrees with its own record', () => {
    const e = evidence(
      view('A', { nik: '3374010203750001', passport: 'C1234567' }),
      view('B', { nik: '3374010203750001', passport: 'C1234567' }),
    );
    const reasons = reasonsFor(e, { nikAgreesWithDob: false, nikAgreesWithSex: false });
    expect(reasons.slice(0, 2)).toEqual(['nik_exact', 'passport_exact']);
    expect(reasons).toContain('traveler_nik_disagrees_with_dob');
    expect(reasons).toContain('traveler_nik_disagrees_with_sex');
  });

  it('names every birth agreement', () => {
    const cases: Array<[BirthAgreement, string]> = [
      ['exact', 'dob_exact'],
      ['swapped', 'dob_day_month_swapped'],
      ['year_only', 'dob_year_only'],
      ['off_by_one', 'dob_year_off_by_one'],
      ['same_year', 'dob_same_year'],
      ['conflict', 'dob_conflict'],
    ];
    for (const [birth, code] of cases) {
      expect(
        reasonsFor(baseEvidence({ birth }), { nikAgreesWithDob: true, nikAgreesWithSex: true }),
      ).toContain(code);
    }
  });
});

describe('the calibrated model', () => {
  it('keeps every coefficient on its declared side', () => {
    for (const f of FEATURES) {
      const sign = FEATURE_SIGNS[f];
      if (sign > 0) expect(MODEL_COEFFICIENTS[f]).toBeGreaterThanOrEqual(0);
      if (sign < 0) expect(MODEL_COEFFICIENTS[f]).toBeLessThanOrEqual(0);
    }
  });

  it('scores more agreement higher: birth exact over conflict, full name over a shared word', () => {
    expect(model.score(baseEvidence({ birth: 'exact' }))).toBeGreaterThan(
      model.score(baseEvidence({ birth: 'conflict' })),
    );
    expect(model.score(baseEvidence({ name: align('Budi Santoso', 'Budi Santoso') }))).toBeGreaterThan(
      model.score(baseEvidence({ name: align('Budi Santoso', 'Budi Hartono') })),
    );
  });

  it('makes a NIK match decisive whatever the name', () => {
    const e = baseEvidence({ name: align('Agus', 'Sutrisno'), birth: 'unknown', nik: 'match' });
    expect(model.score(e)).toBeGreaterThanOrEqual(NIK_MATCH_SCORE);
  });

  it('puts the feature vector in FEATURES order', () => {
    const x = featureVector(baseEvidence({ sex: 'conflict' }));
    expect(x[FEATURES.indexOf('bias')]).toBe(1);
    expect(x[FEATURES.indexOf('sex_conflict')]).toBe(1);
    expect(x[FEATURES.indexOf('birth_exact')]).toBe(1);
  });
});

describe('policy', () => {
  const strongName = baseEvidence();
  const high = 0.999;

  it('denies only a deny_departure entry of a binding type with strong evidence', () => {
    expect(matchEffect({ legalType: 'dpo', action: 'deny_departure' }, high, strongName)).toBe('deny');
    expect(
      matchEffect({ legalType: 'cegah', action: 'deny_departure' }, high, baseEvidence({ birth: 'unknown' })),
    ).toBe('refer');
    expect(matchEffect({ legalType: 'cegah', action: 'deny_departure' }, 0.6, strongName)).toBe('refer');
    expect(
      matchEffect({ legalType: 'cegah', action: 'deny_departure' }, 0.6, baseEvidence({ nik: 'match' })),
    ).toBe('deny');
  });

  it('never shows an advisory entry as a ban and lists monitor entries without effect', () => {
    expect(matchEffect({ legalType: 'advisory', action: 'deny_departure' }, high, strongName)).toBe('refer');
    expect(matchEffect({ legalType: 'dpo', action: 'monitor' }, high, strongName)).toBe('monitor');
    expect(decide(['monitor', 'monitor'])).toBe('clear');
  });

  it('lists nothing below the legal type threshold', () => {
    expect(
      matchEffect({ legalType: 'protective', action: 'refer' }, POLICY.protective.list - 0.01, strongName),
    ).toBeUndefined();
    expect(
      matchEffect({ legalType: 'protective', action: 'refer' }, POLICY.protective.list, strongName),
    ).toBe('refer');
  });

  it('decides deny over refer over clear', () => {
    expect(decide([])).toBe('clear');
    expect(decide(['monitor', 'refer'])).toBe('refer');
    expect(decide(['refer', 'deny', 'monitor'])).toBe('deny');
  });
});
