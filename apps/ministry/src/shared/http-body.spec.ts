import { describe, expect, it } from '@jest/globals';
import { buildEvent, MINISTRY_SOURCE, MINISTRY_WATCHLIST_ENTRY_REVOKED_V1 } from '@simpul/contracts';
import { DOMAIN_ERROR_STATUS, DomainError } from '@simpul/http';
import { bodySchemaFor, buildOrReject, objectBody, trimStrings } from './http-body.js';
import { addDays, deterministicUuid } from './ids.js';

function problemsOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) {
      return { statusCode: DOMAIN_ERROR_STATUS[error.kind], code: error.code, details: error.details };
    }
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('request bodies validated by the contract', () => {
  it('trims every string, however deep', () => {
    expect(trimStrings({ a: ' x ', b: [' y', { c: 'z ' }], n: 1 })).toEqual({
      a: 'x',
      b: ['y', { c: 'z' }],
      n: 1,
    });
  });

  it('rejects a body that is not an object', () => {
    expect(problemsOf(() => objectBody([1]))).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('maps data.* issues to body paths, naming every failing field, and adds the extra problems', () => {
    const body = problemsOf(() =>
      buildOrReject(
        () =>
          buildEvent(
            MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
            { entryId: 'not-a-uuid', version: 0, revokedAt: 'now' } as never,
            { source: MINISTRY_SOURCE },
          ),
        [{ path: 'extra', rule: 'unknownProperty', message: 'extra: is not allowed [unknownProperty]' }],
      ),
    ) as { details: Array<{ path: string; rule: string; message: string }> };
    expect(body.details.map((d) => `${d.path}:${d.rule}`).sort()).toEqual(
      [
        'entryId:uuid',
        'extra:unknownProperty',
        'reason:required',
        'revokedAt:dateTime',
        'version:min',
      ].sort(),
    );
    for (const d of body.details) expect(d.message.startsWith(`${d.path}:`)).toBe(true);
  });

  it('describes a body as the event data without the generated fields, definitions inlined', () => {
    const schema = bodySchemaFor('ministry.company.sanctioned.v1', ['companyId', 'company']) as {
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(Object.keys(schema.properties)).not.toContain('companyId');
    expect(schema.required).toEqual(expect.arrayContaining(['sanction', 'reason', 'effectiveFrom']));
    expect(JSON.stringify(schema)).not.toContain('$ref');
  });
});

describe('ids and instants', () => {
  it('derives the same UUID from the same parts, and another from other parts', () => {
    const a = deterministicUuid('entry', 'polda:riau', 'x');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(deterministicUuid('entry', 'polda:riau', 'x')).toBe(a);
    expect(deterministicUuid('entry', 'polda:riau:x')).not.toBe(a);
  });

  it('adds days of 24 h to an instant with any offset', () => {
    expect(addDays('2025-07-05T02:40:00+07:00', 90)).toBe('2025-10-02T19:40:00.000Z');
    // Clamped to the contract's last instant, so the derived entry still fits an event.
    expect(addDays('2100-12-01T00:00:00Z', 180)).toBe('2100-12-31T23:59:59.999Z');
  });
});
