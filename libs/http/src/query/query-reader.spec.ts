import { describe, expect, it } from '@jest/globals';
import { ValidationFailed } from '../errors/domain-error.js';
import { QueryReader } from './query-reader.js';

describe('QueryReader', () => {
  it('reads valid values and falls back when a parameter is absent', () => {
    const reader = new QueryReader({ status: 'open', limit: '20', from: '2025-07-05T00:00:00Z' });
    expect(reader.oneOf('status', ['open', 'closed'] as const)).toBe('open');
    expect(reader.int('limit', 1, 100, 50)).toBe(20);
    expect(reader.instant('from')).toEqual(new Date('2025-07-05T00:00:00Z'));
    expect(reader.uuid('caseId')).toBeUndefined();
    expect(() => reader.done()).not.toThrow();
  });

  it('answers undefined for an absent integer without a fallback', () => {
    const reader = new QueryReader({ after: '0', 'Last-Event-ID': '' });
    expect(reader.int('after', 0, Number.MAX_SAFE_INTEGER)).toBe(0);
    expect(reader.int('Last-Event-ID', 0, Number.MAX_SAFE_INTEGER)).toBeUndefined();
    expect(reader.int('before', 0, 10)).toBeUndefined();
    expect(() => reader.done()).not.toThrow();
  });

  it('names every bad parameter at once, never its value', () => {
    const reader = new QueryReader({ status: 'Siti', limit: '0', caseId: '3374010203750001' });
    reader.oneOf('status', ['open'] as const);
    reader.int('limit', 1, 100, 50);
    reader.uuid('caseId');
    let error: unknown;
    try {
      reader.done();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationFailed);
    const details = (error as ValidationFailed).details!;
    expect(details.map((d) => `${d.path}:${d.rule}`)).toEqual(['status:enum', 'limit:range', 'caseId:uuid']);
    expect(JSON.stringify(details)).not.toMatch(/Siti|3374010203750001/);
  });
});
