import { describe, expect, it } from '@jest/globals';
import { withGeneratedIds } from './event-body.rules.js';

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
