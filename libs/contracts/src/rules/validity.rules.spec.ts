import { describe, expect, it } from '@jest/globals';
import { rules } from '@simpul/contracts';

const {
  candidateCountCoversCandidates,
  cegahMaxDuration,
  cegahRequiresDecisionNumber,
  delayMaxDuration,
  effectiveUntilAfterEffectiveFrom,
  protectiveMaxDuration,
  sourceNamesUnit,
  validUntilAfterOccurredAt,
  validUntilAfterValidFrom,
} = rules;

const cegah = (validFrom: string, validUntil: string, extension?: string) => ({
  legalType: 'cegah',
  validFrom,
  validUntil,
  ...(extension ? { extensionDecisionNumber: extension } : {}),
});

describe('cegah', () => {
  it('allows at most 6 calendar months, on validFrom\u2019s own wall clock', () => {
    expect(cegahMaxDuration.check(cegah('2025-07-05T04:00:00Z', '2026-01-05T04:00:00Z'))).toBe(true);
    expect(cegahMaxDuration.check(cegah('2025-07-05T04:00:00Z', '2026-01-05T04:00:00.001Z'))).toBe(false);
    // 31 August + 6 months is the last day of February.
    expect(cegahMaxDuration.check(cegah('2025-08-31T00:00:00+07:00', '2026-02-28T00:00:00+07:00'))).toBe(
      true,
    );
    expect(cegahMaxDuration.check(cegah('2025-08-31T00:00:00+07:00', '2026-03-01T00:00:00+07:00'))).toBe(
      false,
    );
    expect(cegahMaxDuration.check(cegah('2027-08-31T00:00:00Z', '2028-02-29T00:00:00Z'))).toBe(true);
    // The same instant written in another offset is the same limit.
    expect(cegahMaxDuration.check(cegah('2025-07-05T11:00:00+07:00', '2026-01-05T04:00:00Z'))).toBe(true);
    expect(cegahMaxDuration.check(cegah('2025-07-05T11:00:00+07:00', '2026-01-05T11:00:01+07:00'))).toBe(
      false,
    );
  });

  it('allows 12 months with an extension decision', () => {
    expect(cegahMaxDuration.check(cegah('2025-07-05T04:00:00Z', '2026-07-05T04:00:00Z', 'EXT-1'))).toBe(true);
    expect(cegahMaxDuration.check(cegah('2025-07-05T04:00:00Z', '2026-07-05T04:00:01Z', 'EXT-1'))).toBe(
      false,
    );
    expect(cegahMaxDuration.check(cegah('2025-07-05T04:00:00Z', '2026-07-05T04:00:00Z'))).toBe(false);
  });

  it('applies only to cegah, and needs a decision number', () => {
    expect(
      cegahMaxDuration.check({ ...cegah('2025-07-05T04:00:00Z', '2027-01-01T00:00:00Z'), legalType: 'dpo' }),
    ).toBe(true);
    expect(cegahRequiresDecisionNumber.check({ legalType: 'cegah' })).toBe(false);
    expect(cegahRequiresDecisionNumber.check({ legalType: 'cegah', decisionNumber: 'KEP-1' })).toBe(true);
    expect(cegahRequiresDecisionNumber.check({ legalType: 'advisory' })).toBe(true);
  });
});

describe('durations in days', () => {
  it('protective: at most 90 days', () => {
    const entry = (validUntil: string) => ({
      legalType: 'protective',
      validFrom: '2025-07-05T04:00:00Z',
      validUntil,
    });
    expect(protectiveMaxDuration.check(entry('2025-10-03T04:00:00Z'))).toBe(true);
    expect(protectiveMaxDuration.check(entry('2025-10-03T04:00:00.001Z'))).toBe(false);
    expect(protectiveMaxDuration.check({ ...entry('2026-10-03T04:00:00Z'), legalType: 'advisory' })).toBe(
      true,
    );
  });

  it('departure delay: after occurredAt and at most 30 days later', () => {
    const delay = (validUntil: string) => ({ occurredAt: '2025-07-12T08:20:00+07:00', validUntil });
    expect(delayMaxDuration.check(delay('2025-08-11T08:20:00+07:00'))).toBe(true);
    expect(delayMaxDuration.check(delay('2025-08-11T08:20:01+07:00'))).toBe(false);
    expect(validUntilAfterOccurredAt.check(delay('2025-07-12T01:20:00.001Z'))).toBe(true);
    expect(validUntilAfterOccurredAt.check(delay('2025-07-12T01:20:00Z'))).toBe(false);
  });

  it('never reads the clock: an event from 2025 stays valid in any year', () => {
    const realNow = Date.now;
    Date.now = () => Date.UTC(2040, 0, 1);
    try {
      expect(
        delayMaxDuration.check({ occurredAt: '2025-07-12T08:20:00Z', validUntil: '2025-08-11T08:20:00Z' }),
      ).toBe(true);
    } finally {
      Date.now = realNow;
    }
  });
});

describe('ordering and counts', () => {
  it('validUntil strictly after validFrom, with sub-millisecond precision', () => {
    const w = (validUntil: string) => ({ validFrom: '2025-07-05T04:00:00.000100Z', validUntil });
    expect(validUntilAfterValidFrom.check(w('2025-07-05T04:00:00.000200Z'))).toBe(true);
    expect(validUntilAfterValidFrom.check(w('2025-07-05T04:00:00.0001Z'))).toBe(false);
    expect(validUntilAfterValidFrom.check(w('2025-07-05T04:00:00Z'))).toBe(false);
  });

  it('effectiveUntil strictly after effectiveFrom, when given', () => {
    expect(effectiveUntilAfterEffectiveFrom.check({ effectiveFrom: '2025-07-10T00:00:00Z' })).toBe(true);
    expect(
      effectiveUntilAfterEffectiveFrom.check({
        effectiveFrom: '2025-07-10T00:00:00Z',
        effectiveUntil: '2025-07-09T00:00:00Z',
      }),
    ).toBe(false);
  });

  it('candidateCount covers the candidates listed', () => {
    expect(candidateCountCoversCandidates.check({ candidateCount: 2, candidates: [{}, {}] })).toBe(true);
    expect(candidateCountCoversCandidates.check({ candidateCount: 1, candidates: [{}, {}] })).toBe(false);
    expect(candidateCountCoversCandidates.check({ candidateCount: '1', candidates: [{}, {}] })).toBe(true);
  });
});

describe('sourceNamesUnit', () => {
  const police = (source: string, polda: unknown) => ({
    type: 'police.arrest.recorded.v1',
    source,
    data: { polda },
  });
  it('police events come from their Polda', () => {
    expect(sourceNamesUnit.check(police('/polri/polda/riau', 'riau'))).toBe(true);
    expect(sourceNamesUnit.check(police('/polri/polda/kepri', 'riau'))).toBe(false);
    expect(sourceNamesUnit.check(police('/imigrasi/tpi/riau', 'riau'))).toBe(false);
    expect(sourceNamesUnit.check(police('/polri/polda/riau', 5))).toBe(true); // the type check reports it
  });
  it('immigration events come from their checkpoint, ministry events from KP2MI', () => {
    const match = { type: 'immigration.screening.matched.v1', data: { checkpoint: 'batam-center' } };
    expect(sourceNamesUnit.check({ ...match, source: '/imigrasi/tpi/batam-center' })).toBe(true);
    expect(sourceNamesUnit.check({ ...match, source: '/imigrasi/tpi/dumai' })).toBe(false);
    const alert = { type: 'ministry.alert.raised.v1', data: {} };
    expect(sourceNamesUnit.check({ ...alert, source: '/kp2mi/ministry' })).toBe(true);
    expect(sourceNamesUnit.check({ ...alert, source: '/kp2mi/desk' })).toBe(true);
    expect(sourceNamesUnit.check({ ...alert, source: '/polri/polda/riau' })).toBe(false);
  });
});
