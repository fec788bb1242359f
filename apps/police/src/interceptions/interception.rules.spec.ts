import { describe, expect, it } from '@jest/globals';
import { validFixture } from '@simpul/contracts/testing';
import { interceptionEventFromBody } from './interception.rules.js';

function body(): Record<string, unknown> {
  const { interceptionId: _i, ...data } = validFixture('police.departure.foiled.v1').data;
  return { ...data, candidates: data.candidates.map(({ candidateId: _c, ...candidate }) => candidate) };
}

let n = 0;
const newId = () => `0197d8a0-3c00-7000-8000-${String(++n).padStart(12, '0')}`;

describe('interceptionEventFromBody', () => {
  it('builds a valid event with a generated interception id and candidate ids', () => {
    const built = interceptionEventFromBody(body(), newId);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.event.type).toBe('police.departure.foiled.v1');
    expect(built.event.source).toBe('/polri/polda/riau');
    const ids = [built.event.data.interceptionId, ...built.event.data.candidates.map((c) => c.candidateId)];
    expect(new Set(ids).size).toBe(4);
  });

  it('publishes the candidates’ phone numbers in E.164', () => {
    const written = body();
    const candidates = written.candidates as Record<string, unknown>[];
    candidates[1]!.person = { ...(candidates[1]!.person as object), phoneNumbers: ['+62 (0)813 1111 2222'] };
    const built = interceptionEventFromBody(written, newId);
    expect(built.ok && built.event.data.candidates[1]!.person.phoneNumbers).toEqual(['+6281311112222']);
  });

  it('applies the contract’s cross-field rules and reports ids the caller sent', () => {
    const bad = { ...body(), candidateCount: 2, interceptionId: newId() };
    const built = interceptionEventFromBody(bad, newId);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(built.problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
      'candidateCount candidateCountCoversCandidates',
      'interceptionId unknownProperty',
    ]);
  });
});
