import { describe, expect, it } from '@jest/globals';
import { trimStrings } from './trim-strings.js';

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
    const parsed = JSON.parse('{"__proto__": {"reason": "x"}, "a": " b "}') as object;
    const trimmed = trimStrings(parsed) as Record<string, unknown>;
    expect(Object.hasOwn(trimmed, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(trimmed)).toBe(Object.prototype);
    expect(trimmed.reason).toBeUndefined();
  });
});
