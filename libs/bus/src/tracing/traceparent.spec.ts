import { describe, expect, it } from '@jest/globals';
import { childTraceparent, isTraceparent, newTraceparent } from './traceparent.js';

describe('traceparent', () => {
  it('makes valid new traces and children that keep the trace id', () => {
    const root = newTraceparent();
    expect(isTraceparent(root)).toBe(true);
    const child = childTraceparent(root);
    expect(child.slice(0, 36)).toBe(root.slice(0, 36));
    expect(child).not.toBe(root);
    expect(isTraceparent(childTraceparent('garbage'))).toBe(true);
    expect(isTraceparent('00-00000000000000000000000000000000-0000000000000000-01')).toBe(false);
  });
});
