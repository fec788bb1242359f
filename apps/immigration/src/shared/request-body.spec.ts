import { describe, expect, it } from '@jest/globals';
import { bodyProblems, trimStrings, unknownKeyProblems } from './request-body.js';

describe('request body helpers', () => {
  it('trims every string, deeply, without touching other values', () => {
    expect(trimStrings({ a: ' x ', b: [' y', 2, { c: 'z\t' }], d: null })).toEqual({
      a: 'x',
      b: ['y', 2, { c: 'z' }],
      d: null,
    });
  });

  it('maps contract issue paths under data.<field> to body paths and drops the rest', () => {
    const problems = bodyProblems(
      [
        {
          path: 'data.traveler.nik',
          rule: 'pattern',
          message: 'data.traveler.nik: does not match [pattern]',
        },
        { path: 'data.checkpoint', rule: 'required', message: 'data.checkpoint: is required [required]' },
        { path: 'source', rule: 'sourceNamesUnit', message: 'source: … [sourceNamesUnit]' },
        { path: 'data.screeningId', rule: 'uuid', message: 'data.screeningId: … [uuid]' },
      ],
      ['checkpoint', 'traveler'],
    );
    expect(problems).toEqual([
      { path: 'traveler.nik', rule: 'pattern', message: 'traveler.nik: does not match [pattern]' },
      { path: 'checkpoint', rule: 'required', message: 'checkpoint: is required [required]' },
    ]);
  });

  it('names unknown properties', () => {
    expect(unknownKeyProblems({ a: 1, b: 2 }, ['a'], 'x.').map((p) => p.path)).toEqual(['x.b']);
    expect(unknownKeyProblems('nope', ['a'])).toEqual([]);
  });

  it('never echoes an unknown key that could be personal data (a NIK, a passport number, a name)', () => {
    const problems = unknownKeyProblems(
      { nickname: 1, '1472011204790009': 2, C1234567: 3, 'Djoko Soesanto': 4 },
      [],
      'traveler.',
    );
    expect(problems.map((p) => p.path)).toEqual([
      'traveler.nickname',
      'traveler.*',
      'traveler.*',
      'traveler.*',
    ]);
    expect(JSON.stringify(problems)).not.toMatch(/1472011204790009|C1234567|Djoko|Soesanto/);
  });
});
