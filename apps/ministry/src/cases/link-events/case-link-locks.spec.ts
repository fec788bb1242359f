import { describe, expect, it } from '@jest/globals';
import { caseLinkLockIds } from './link-events.service.js';

describe('caseLinkLockIds', () => {
  const a = { kind: 'nik' as const, value: '3171234567890001' };
  const b = { kind: 'name_dob' as const, value: 'siti aminah|1991-06-01' };
  const c = { kind: 'report' as const, value: 'LP/B/1/2025' };

  it('gives one 64-bit id per distinct key, in ascending order whatever the order of the keys', () => {
    const ids = caseLinkLockIds([c, a, b, a]);
    expect(ids).toHaveLength(3);
    expect(caseLinkLockIds([b, c, a])).toEqual(ids);
    const asBigInt = ids.map(BigInt);
    expect([...asBigInt].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))).toEqual(asBigInt);
    for (const id of asBigInt) {
      expect(id >= -(2n ** 63n) && id < 2n ** 63n).toBe(true);
    }
  });

  it('tells the kind apart: the same value under another kind is another lock', () => {
    expect(caseLinkLockIds([{ kind: 'nik', value: 'X1' }])).not.toEqual(
      caseLinkLockIds([{ kind: 'passport', value: 'X1' }]),
    );
  });
});
