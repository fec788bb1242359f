import { describe, expect, it } from '@jest/globals';
import { validFixture } from '@simpul/contracts/testing';
import { arrestCorrelationId, arrestEventFromBody, namedInterceptionId } from './arrest.rules.js';

function body(): Record<string, unknown> {
  const { arrestId: _a, ...data } = validFixture('police.arrest.recorded.v1').data;
  return { ...data, suspects: data.suspects.map(({ suspectId: _s, ...suspect }) => suspect) };
}

const sequentialIds = () => {
  let n = 0;
  return () => `0197d8a0-3c00-7000-8000-${String(++n).padStart(12, '0')}`;
};

describe('arrestEventFromBody', () => {
  it('builds a valid event with generated ids, signed-for source and case subject', () => {
    const built = arrestEventFromBody(body(), sequentialIds());
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.event.source).toBe('/polri/polda/riau');
    expect(built.event.subject).toBe(`case/${built.event.data.reportNumber}`);
    expect(built.event.data.arrestId).toBe('0197d8a0-3c00-7000-8000-000000000001');
    expect(built.event.data.suspects.map((s) => s.suspectId)).toEqual([
      '0197d8a0-3c00-7000-8000-000000000002',
      '0197d8a0-3c00-7000-8000-000000000003',
      '0197d8a0-3c00-7000-8000-000000000004',
    ]);
  });

  it('publishes the suspects’ phone numbers in E.164, and names an unreadable one by its path', () => {
    const written = body();
    const suspects = written.suspects as Record<string, unknown>[];
    suspects[0]!.person = { ...(suspects[0]!.person as object), phoneNumbers: ['0812-3456-7890'] };
    const built = arrestEventFromBody(written, sequentialIds());
    expect(built.ok && built.event.data.suspects[0]!.person.phoneNumbers).toEqual(['+6281234567890']);
    suspects[0]!.person = { ...(suspects[0]!.person as object), phoneNumbers: ['0812', 'wa 08123456'] };
    const refused = arrestEventFromBody(written, sequentialIds());
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'suspects[0].person.phoneNumbers[0] phoneNumber',
      'suspects[0].person.phoneNumbers[1] phoneNumber',
    ]);
    expect(JSON.stringify(refused.problems)).not.toContain('08123456');
  });

  it('names every failing field by its body path, never the submitted value', () => {
    const bad = body();
    const suspects = bad.suspects as Record<string, unknown>[];
    suspects[0]!.person = { ...(suspects[0]!.person as object), nik: 1471011203850001 };
    suspects[1]!.suspectId = 'mine';
    bad.polda = 'Polda Riau';
    delete bad.location;
    const built = arrestEventFromBody(bad, sequentialIds());
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'location required',
      'polda pattern',
      'suspects[0].person.nik type',
      'suspects[1].suspectId unknownProperty',
    ]);
    expect(JSON.stringify(built.problems)).not.toContain('1471011203850001');
  });

  it('refuses a body that is not an object', () => {
    expect(arrestEventFromBody([1], sequentialIds())).toEqual({
      ok: false,
      problems: [{ path: '', rule: 'type', message: 'body: must be a JSON object [type]' }],
    });
  });
});

describe('arrest flow', () => {
  const interception = { polda: 'riau', eventId: '0197d8a0-3c00-7000-8000-0000000000aa' };

  it('continues the flow of an interception of the same Polda', () => {
    const correlationId = arrestCorrelationId({ polda: 'riau' }, interception);
    expect(correlationId).toBe(interception.eventId);
    const built = arrestEventFromBody(body(), sequentialIds(), { correlationId });
    expect(built.ok && built.event.correlationid).toBe(interception.eventId);
  });

  it('starts its own flow otherwise', () => {
    expect(arrestCorrelationId({ polda: 'kepri' }, interception)).toBeUndefined();
    expect(arrestCorrelationId({ polda: 'riau' }, null)).toBeUndefined();
    const built = arrestEventFromBody(body(), sequentialIds());
    expect(built.ok && built.event.correlationid).toBe(built.ok && built.event.id);
  });

  it('looks an interception up only by a well-formed id', () => {
    expect(namedInterceptionId({ interceptionId: interception.eventId })).toBe(interception.eventId);
    expect(namedInterceptionId({ interceptionId: 'x' })).toBeUndefined();
    expect(namedInterceptionId({})).toBeUndefined();
  });
});
