import { describe, expect, it } from '@jest/globals';
import { opensReferral, readOutcomeRequest, readReferralsQuery } from './referral.rules.js';

const queryProblems = (query: Record<string, unknown>) =>
  readReferralsQuery(query).problems.map((p) => `${p.path}:${p.rule}`);
const outcomeProblems = (body: Record<string, unknown>) =>
  readOutcomeRequest(body).problems.map((p) => `${p.path}:${p.rule}`);

describe('opensReferral', () => {
  it('opens one for a refer on a protective entry only', () => {
    expect(opensReferral('refer', 'protective')).toBe(true);
    expect(opensReferral('deny', 'protective')).toBe(false);
    for (const legalType of ['dpo', 'cegah', 'advisory', undefined]) {
      expect([legalType, opensReferral('refer', legalType)]).toEqual([legalType, false]);
    }
  });
});

describe('readReferralsQuery', () => {
  it('defaults to the open referrals of every post, 500 at most', () => {
    expect(readReferralsQuery({})).toEqual({ value: { status: 'open', limit: 500 }, problems: [] });
    expect(readReferralsQuery({ checkpoint: '', status: '', limit: '' })).toEqual({
      value: { status: 'open', limit: 500 },
      problems: [],
    });
  });

  it('reads a checkpoint code, a status and a limit', () => {
    expect(readReferralsQuery({ checkpoint: 'batam-center', status: 'all', limit: '5000' })).toEqual({
      value: { checkpoint: 'batam-center', status: 'all', limit: 5000 },
      problems: [],
    });
  });

  it('names every bad parameter with its rule, never its value', () => {
    expect(queryProblems({ checkpoint: 'Batam Center', status: 'pending', limit: '0' })).toEqual([
      'checkpoint:pattern',
      'status:enum',
      'limit:range',
    ]);
    expect(queryProblems({ checkpoint: 'a'.repeat(41) })).toEqual(['checkpoint:pattern']);
    expect(queryProblems({ checkpoint: ['batam-center', 'nunukan'], limit: '5001' })).toEqual([
      'checkpoint:pattern',
      'limit:range',
    ]);
    const read = readReferralsQuery({ checkpoint: 'budi.santoso' });
    expect(JSON.stringify(read)).not.toContain('budi');
  });
});

describe('readOutcomeRequest', () => {
  it('accepts each outcome with an officer id and an optional note', () => {
    for (const outcome of ['counselled', 'returned_home', 'placed_procedurally', 'declined']) {
      expect(readOutcomeRequest({ outcome, officer: 'P4MI-BTM-07' })).toEqual({
        value: { outcome, officer: 'P4MI-BTM-07' },
        problems: [],
      });
    }
    expect(
      readOutcomeRequest({ outcome: 'returned_home', officer: 'P4MI-BTM-07', note: 'Fetched by family.' }),
    ).toEqual({
      value: { outcome: 'returned_home', officer: 'P4MI-BTM-07', note: 'Fetched by family.' },
      problems: [],
    });
    expect(readOutcomeRequest({ outcome: 'declined', officer: 'x', note: '' })).toEqual({
      value: { outcome: 'declined', officer: 'x' },
      problems: [],
    });
  });

  it('names every missing or bad field with its rule', () => {
    expect(outcomeProblems({})).toEqual(['outcome:required', 'officer:required']);
    expect(outcomeProblems({ outcome: 'arrested', officer: '', note: 3 })).toEqual([
      'outcome:enum',
      'officer:minLength',
      'note:type',
    ]);
    expect(
      outcomeProblems({ outcome: 'counselled', officer: 'o'.repeat(121), note: 'n'.repeat(1001) }),
    ).toEqual(['officer:maxLength', 'note:maxLength']);
    expect(outcomeProblems({ outcome: 'counselled', officer: 7, extra: true })).toEqual([
      'officer:type',
      'extra:unknownProperty',
    ]);
    // Lengths in code points, as the contract counts them: 120 emoji are 240 UTF-16 units.
    expect(outcomeProblems({ outcome: 'counselled', officer: '👮'.repeat(120) })).toEqual([]);
  });

  it('never echoes a value, not even an unknown property name that looks like data', () => {
    const read = readOutcomeRequest({
      outcome: 'Siti Aminah 081234567890',
      officer: 'P4MI-BTM-07',
      '081234567890 Siti': 1,
    });
    expect(read.problems.map((p) => `${p.path}:${p.rule}`)).toEqual(['outcome:enum', '*:unknownProperty']);
    expect(JSON.stringify(read)).not.toMatch(/Siti|0812/);
  });
});
