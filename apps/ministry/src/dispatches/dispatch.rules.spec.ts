import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_DUE_ALLOWANCES,
  dispatchDueBy,
  isOverdue,
  officerProblems,
  reportOf,
  reportProblems,
} from './dispatch.rules.js';

const at = new Date('2026-01-01T00:00:00Z');
const rules = (problems: Array<{ path: string; rule: string }>) => problems.map((p) => [p.path, p.rule]);

describe('dispatch rules', () => {
  it('gives a team 2 h on a critical alert, 12 h high, 48 h medium, 7 days low by default', () => {
    const due = (severity: string) => dispatchDueBy(at, severity, DEFAULT_DUE_ALLOWANCES).toISOString();
    expect(due('critical')).toBe('2026-01-01T02:00:00.000Z');
    expect(due('high')).toBe('2026-01-01T12:00:00.000Z');
    expect(due('medium')).toBe('2026-01-03T00:00:00.000Z');
    expect(due('low')).toBe('2026-01-08T00:00:00.000Z');
  });

  it('applies configured allowances, and the longest to a severity outside the list', () => {
    const allowances = { critical: 60, high: 120, medium: 180, low: 240 };
    expect(dispatchDueBy(at, 'critical', allowances).toISOString()).toBe('2026-01-01T00:01:00.000Z');
    expect(dispatchDueBy(at, 'urgent', allowances).toISOString()).toBe('2026-01-01T00:04:00.000Z');
  });

  it('is overdue only while open and past dueBy', () => {
    const dueBy = new Date('2026-01-01T02:00:00Z');
    expect(isOverdue({ dueBy, reportedAt: null }, new Date('2026-01-01T02:00:00Z'))).toBe(false);
    expect(isOverdue({ dueBy, reportedAt: null }, new Date('2026-01-01T02:00:01Z'))).toBe(true);
    expect(isOverdue({ dueBy, reportedAt: at }, new Date('2026-01-02T00:00:00Z'))).toBe(false);
  });

  it('takes an officer id of 1-120 characters', () => {
    expect(officerProblems('NIP 198701012010011001')).toEqual([]);
    expect(rules(officerProblems(undefined))).toEqual([['officer', 'required']]);
    expect(rules(officerProblems(42))).toEqual([['officer', 'type']]);
    expect(rules(officerProblems(''))).toEqual([['officer', 'minLength']]);
    expect(rules(officerProblems('x'.repeat(121)))).toEqual([['officer', 'maxLength']]);
    // Code points, not UTF-16 units: 120 emoji are 120 characters.
    expect(officerProblems('😀'.repeat(120))).toEqual([]);
  });

  it('requires victimsAssisted, an integer 1-10000, with victims_assisted', () => {
    expect(reportProblems({ outcome: 'victims_assisted', victimsAssisted: 1 })).toEqual([]);
    expect(reportProblems({ outcome: 'victims_assisted', victimsAssisted: 10_000 })).toEqual([]);
    expect(rules(reportProblems({ outcome: 'victims_assisted' }))).toEqual([['victimsAssisted', 'required']]);
    expect(rules(reportProblems({ outcome: 'victims_assisted', victimsAssisted: 0 }))).toEqual([
      ['victimsAssisted', 'range'],
    ]);
    expect(rules(reportProblems({ outcome: 'victims_assisted', victimsAssisted: 10_001 }))).toEqual([
      ['victimsAssisted', 'range'],
    ]);
    expect(rules(reportProblems({ outcome: 'victims_assisted', victimsAssisted: 2.5 }))).toEqual([
      ['victimsAssisted', 'type'],
    ]);
    expect(rules(reportProblems({ outcome: 'victims_assisted', victimsAssisted: '3' }))).toEqual([
      ['victimsAssisted', 'type'],
    ]);
  });

  it('refuses victimsAssisted with any other outcome, and an outcome outside the list', () => {
    expect(reportProblems({ outcome: 'no_action' })).toEqual([]);
    expect(rules(reportProblems({ outcome: 'referred_to_police', victimsAssisted: 3 }))).toEqual([
      ['victimsAssisted', 'notAllowed'],
    ]);
    expect(rules(reportProblems({}))).toEqual([['outcome', 'required']]);
    expect(rules(reportProblems({ outcome: 'rescued', victimsAssisted: 3 }))).toEqual([['outcome', 'enum']]);
  });

  it('bounds the note to 1000 characters, without showing it in the problem', () => {
    const note = 'Korban: Siti, +6281234567890';
    expect(reportProblems({ outcome: 'no_action', note })).toEqual([]);
    const problems = reportProblems({ outcome: 'no_action', note: note.repeat(40) });
    expect(rules(problems)).toEqual([['note', 'maxLength']]);
    expect(JSON.stringify(problems)).not.toContain('Siti');
    expect(rules(reportProblems({ outcome: 'no_action', note: 7 }))).toEqual([['note', 'type']]);
  });

  it('stores an empty note as none and victimsAssisted only with victims_assisted', () => {
    expect(reportOf({ outcome: 'no_action', note: '' })).toEqual({
      outcome: 'no_action',
      victimsAssisted: null,
      note: null,
    });
    expect(reportOf({ outcome: 'victims_assisted', victimsAssisted: 4, note: 'n' })).toEqual({
      outcome: 'victims_assisted',
      victimsAssisted: 4,
      note: 'n',
    });
  });
});
