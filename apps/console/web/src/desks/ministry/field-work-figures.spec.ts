import { describe, expect, it } from '@jest/globals';
import { fieldWorkRows } from './field-work-figures';

describe('the field-work figures of the dashboard', () => {
  it('joins both figures by month, each with the events behind it, months in order', () => {
    expect(
      fieldWorkRows(
        {
          total: 60,
          groups: [
            { key: '2025-08', count: 2, eventIds: ['d2'] },
            { key: '2025-07', count: 58, eventIds: ['d1'] },
          ],
        },
        { total: 1, groups: [{ key: '2025-08', count: 1, eventIds: ['m1'] }] },
      ),
    ).toEqual([
      { key: '2025-07', assisted: 58, returnedHome: 0, eventIds: ['d1'] },
      { key: '2025-08', assisted: 2, returnedHome: 1, eventIds: ['d2', 'm1'] },
    ]);
  });

  it('is empty when the ministry sends neither figure (a ministry of the previous release)', () => {
    expect(fieldWorkRows(undefined, undefined)).toEqual([]);
  });
});
