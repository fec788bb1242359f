// Framework-free decisions about the rapid response team's dispatches (docs/contract.md §13).
// Problems name the field and the rule, never the value: a note or an officer id may be personal data.
import type { AlertSeverity, ValidationIssue } from '@simpul/contracts';

export const REPORT_OUTCOMES = ['victims_assisted', 'referred_to_police', 'no_action'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

export const DISPATCH_STATUSES = ['open', 'reported'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** The fields of POST /v1/alerts/:id/dispatch. */
export const DISPATCH_FIELDS = ['team', 'officer'] as const;
/** The fields of POST /v1/dispatches/:id/report. */
export const REPORT_FIELDS = ['outcome', 'victimsAssisted', 'note'] as const;

/** Longest officer id, as at the checkpoints' outcome desk. */
export const MAX_OFFICER_LENGTH = 120;
/** Longest report note, in code points. */
export const MAX_NOTE_LENGTH = 1000;
/** Bounds of victimsAssisted on a victims_assisted report. */
export const MIN_VICTIMS_ASSISTED = 1;
export const MAX_VICTIMS_ASSISTED = 10_000;

/** Seconds a dispatched team has to report, by the alert's severity. */
export type DueAllowances = Readonly<Record<AlertSeverity, number>>;

export const DEFAULT_DUE_ALLOWANCES: DueAllowances = {
  critical: 2 * 3600,
  high: 12 * 3600,
  medium: 48 * 3600,
  low: 7 * 24 * 3600,
};

/**
 * When a team sent at `dispatchedAt` on an alert of `severity` is due to report. A severity outside
 * the contract's list (none is stored) gets the longest allowance rather than none.
 */
export function dispatchDueBy(dispatchedAt: Date, severity: string, allowances: DueAllowances): Date {
  const seconds = allowances[severity as AlertSeverity] ?? allowances.low;
  return new Date(dispatchedAt.getTime() + seconds * 1000);
}

/** Whether an open dispatch is past its due time at `now` (a reported one never is). */
export function isOverdue(dispatch: { dueBy: Date; reportedAt: Date | null }, now: Date): boolean {
  return dispatch.reportedAt === null && now.getTime() > dispatch.dueBy.getTime();
}

function problem(path: string, rule: string, what: string): ValidationIssue {
  return { path, rule, message: `${path}: ${what} [${rule}]` };
}

/** Problems of a text field: a string of at most `max` code points, required or not. */
function textProblems(
  path: string,
  value: unknown,
  options: { max: number; required: boolean },
): ValidationIssue[] {
  if (value === undefined) return options.required ? [problem(path, 'required', 'is required')] : [];
  if (typeof value !== 'string') return [problem(path, 'type', 'must be a string')];
  if (options.required && value.length === 0) return [problem(path, 'minLength', 'must not be empty')];
  if ([...value].length > options.max)
    return [problem(path, 'maxLength', `must be at most ${options.max} characters`)];
  return [];
}

/** The officer who sends the team: an officer id (not a name), 1-120 characters. */
export function officerProblems(officer: unknown): ValidationIssue[] {
  return textProblems('officer', officer, { max: MAX_OFFICER_LENGTH, required: true });
}

/** A dispatch report, as it will be stored. */
export interface DispatchReport {
  outcome: ReportOutcome;
  victimsAssisted: number | null;
  note: string | null;
}

/**
 * The problems of a report body (trimmed, unknown properties checked by the caller):
 * `victimsAssisted` is an integer 1-10000 required with victims_assisted and refused with any other
 * outcome, so the figure of victims assisted only ever counts reports that assisted someone.
 */
export function reportProblems(body: Record<string, unknown>): ValidationIssue[] {
  const { outcome, victimsAssisted, note } = body;
  const problems: ValidationIssue[] = [];
  if (outcome === undefined) problems.push(problem('outcome', 'required', 'is required'));
  else if (!(REPORT_OUTCOMES as readonly unknown[]).includes(outcome))
    problems.push(problem('outcome', 'enum', `must be one of ${REPORT_OUTCOMES.join(', ')}`));
  if (outcome === 'victims_assisted') {
    if (victimsAssisted === undefined)
      problems.push(problem('victimsAssisted', 'required', 'is required when outcome is victims_assisted'));
    else if (typeof victimsAssisted !== 'number' || !Number.isInteger(victimsAssisted))
      problems.push(problem('victimsAssisted', 'type', 'must be an integer'));
    else if (victimsAssisted < MIN_VICTIMS_ASSISTED || victimsAssisted > MAX_VICTIMS_ASSISTED)
      problems.push(
        problem('victimsAssisted', 'range', `must be ${MIN_VICTIMS_ASSISTED}-${MAX_VICTIMS_ASSISTED}`),
      );
  } else if (victimsAssisted !== undefined && (REPORT_OUTCOMES as readonly unknown[]).includes(outcome)) {
    problems.push(
      problem('victimsAssisted', 'notAllowed', 'is only allowed when outcome is victims_assisted'),
    );
  }
  problems.push(...textProblems('note', note, { max: MAX_NOTE_LENGTH, required: false }));
  return problems;
}

/** The report of a body reportProblems found nothing wrong with (an empty note is no note). */
export function reportOf(body: Record<string, unknown>): DispatchReport {
  const note = typeof body.note === 'string' && body.note.length > 0 ? body.note : null;
  return {
    outcome: body.outcome as ReportOutcome,
    victimsAssisted: body.outcome === 'victims_assisted' ? (body.victimsAssisted as number) : null,
    note,
  };
}
