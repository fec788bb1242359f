import { describe, expect, it } from '@jest/globals';
import { buildEvent, MINISTRY_SOURCE, MINISTRY_WATCHLIST_ENTRY_REVOKED_V1 } from '@simpul/contracts';
import { ValidationFailed } from '../errors/domain-error.js';
import {
  bodyProblemOf,
  bodyProblems,
  buildOrReject,
  objectBody,
  shapeProblems,
  unknownPropertyProblems,
} from './body-problems.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationFailed) return (error.details ?? []).map((d) => `${d.path}:${d.rule}`);
    throw error;
  }
  throw new Error('expected ValidationFailed');
}

describe('bodyProblemOf', () => {
  it('maps data paths to body paths, in the message too', () => {
    expect(
      bodyProblemOf({
        path: 'data.suspects[0].person.nik',
        rule: 'type',
        message: 'data.suspects[0].person.nik: has the wrong JSON type [type]',
      }),
    ).toEqual({
      path: 'suspects[0].person.nik',
      rule: 'type',
      message: 'suspects[0].person.nik: has the wrong JSON type [type]',
    });
    expect(
      bodyProblemOf({ path: 'data', rule: 'type', message: 'data: has the wrong JSON type [type]' }),
    ).toEqual({
      path: '',
      rule: 'type',
      message: 'body: has the wrong JSON type [type]',
    });
  });

  it('drops envelope issues, which a body cannot cause', () => {
    expect(
      bodyProblemOf({ path: 'source', rule: 'pattern', message: 'source: x [pattern]' }),
    ).toBeUndefined();
  });
});

describe('bodyProblems', () => {
  it('merges, de-duplicates and sorts by path then rule', () => {
    const problems = bodyProblems(
      [
        { path: 'data.b', rule: 'type', message: 'data.b: t [type]' },
        { path: 'data.a', rule: 'required', message: 'data.a: r [required]' },
      ],
      [{ path: 'a', rule: 'required', message: 'a: r [required]' }],
    );
    expect(problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['a required', 'b type']);
  });
});

describe('buildOrReject and objectBody', () => {
  const revoke = (data: Record<string, unknown>) => () =>
    buildEvent(MINISTRY_WATCHLIST_ENTRY_REVOKED_V1, data as never, { source: MINISTRY_SOURCE });

  it('names every failing field on body paths, with the problems found before', () => {
    const extra = [
      { path: 'color', rule: 'unknownProperty', message: 'color: is not allowed [unknownProperty]' },
    ];
    expect(problemsOf(() => buildOrReject(revoke({ entryId: 'x', version: 2 }), extra))).toEqual(
      expect.arrayContaining(['color:unknownProperty', 'reason:required', 'entryId:uuid']),
    );
  });

  it('refuses a body that is not a JSON object, and trims one that is', () => {
    expect(problemsOf(() => objectBody([1]))).toEqual([':type']);
    expect(objectBody({ a: ' b ' })).toEqual({ a: 'b' });
  });
});

describe('unknownPropertyProblems and shapeProblems', () => {
  it('names unknown keys under their prefix, hiding keys not shaped like a property name', () => {
    const problems = unknownPropertyProblems({ a: 1, color: 2, '3374010203750001': 3 }, ['a'], 'travel');
    expect(problems.map((p) => `${p.path}:${p.rule}`)).toEqual([
      'travel.color:unknownProperty',
      'travel.*:unknownProperty',
    ]);
  });

  it('places the issues of a shape validated alone where the shape sits in the body', () => {
    expect(
      shapeProblems('traveler', [
        { path: 'nik', rule: 'nikStructure', message: 'nik: is not a NIK [nikStructure]' },
        { path: '', rule: 'type', message: 'event: has the wrong JSON type [type]' },
        { path: 'aliases[0]', rule: 'minLength', message: 'aliases[0]: is too short [minLength]' },
      ]),
    ).toEqual([
      { path: 'traveler.nik', rule: 'nikStructure', message: 'traveler.nik: is not a NIK [nikStructure]' },
      { path: 'traveler', rule: 'type', message: 'traveler: has the wrong JSON type [type]' },
      {
        path: 'traveler.aliases[0]',
        rule: 'minLength',
        message: 'traveler.aliases[0]: is too short [minLength]',
      },
    ]);
  });
});
