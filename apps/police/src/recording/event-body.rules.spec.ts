import { describe, expect, it } from '@jest/globals';
import { bodyProblemOf, bodyProblems, trimStrings, withGeneratedIds } from './event-body.rules.js';

describe('trimStrings', () => {
  it('trims every string at any depth and leaves other values alone', () => {
    expect(trimStrings({ a: ' x ', b: [' y', 2, { c: 'z\n' }], d: null, e: true })).toEqual({
      a: 'x',
      b: ['y', 2, { c: 'z' }],
      d: null,
      e: true,
    });
  });

  it('keeps a __proto__ key an own property, so the contract still sees and rejects it', () => {
    const parsed = JSON.parse('{"__proto__": {"x": 1}, "a": " b "}') as object;
    const trimmed = trimStrings(parsed) as Record<string, unknown>;
    expect(Object.hasOwn(trimmed, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(trimmed)).toBe(Object.prototype);
  });
});

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

describe('withGeneratedIds', () => {
  const ids = () => {
    let n = 0;
    return () => `id-${++n}`;
  };

  it('adds the generated ids to the body and its items', () => {
    const { data, problems } = withGeneratedIds(
      { polda: 'riau', suspects: [{ a: 1 }, { b: 2 }] },
      'arrestId',
      'id-0',
      {
        field: 'suspects',
        itemField: 'suspectId',
        newId: ids(),
      },
    );
    expect(problems).toEqual([]);
    expect(data).toEqual({
      arrestId: 'id-0',
      polda: 'riau',
      suspects: [
        { suspectId: 'id-1', a: 1 },
        { suspectId: 'id-2', b: 2 },
      ],
    });
  });

  it('reports ids the caller sent instead of silently replacing them', () => {
    const { data, problems } = withGeneratedIds(
      { arrestId: 'mine', suspects: [{ suspectId: 'mine' }, 'not an object'] },
      'arrestId',
      'id-0',
      { field: 'suspects', itemField: 'suspectId', newId: ids() },
    );
    expect(problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'arrestId unknownProperty',
      'suspects[0].suspectId unknownProperty',
    ]);
    expect(data.arrestId).toBe('id-0');
    expect(data.suspects).toEqual([{ suspectId: 'id-1' }, 'not an object']);
  });
});
