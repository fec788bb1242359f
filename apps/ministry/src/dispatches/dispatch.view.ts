import type { DataSource, EntityManager } from 'typeorm';
import { isOverdue, type DispatchStatus, type ReportOutcome } from './dispatch.rules.js';

/** A dispatch as GET /v1/dispatches lists it: ids, team and times (the report note is never shown). */
export interface DispatchListItem {
  dispatchId: string;
  alertId: string;
  caseId: string;
  team: string;
  dispatchedAt: string;
  dueBy: string;
  status: DispatchStatus;
  /** Open and past dueBy (a reported dispatch is never overdue). */
  overdue: boolean;
}

/** A dispatch on the case's timeline (GET /v1/cases/:id), with its report when there is one. */
export interface CaseDispatch {
  dispatchId: string;
  eventId: string;
  alertId: string;
  team: string;
  dispatchedAt: string;
  dueBy: string;
  status: DispatchStatus;
  report: { outcome: ReportOutcome; victimsAssisted: number | null; reportedAt: string } | null;
}

/** The columns both views read. */
export const DISPATCH_COLUMNS = `id, event_id, alert_id, case_id, team, dispatched_at, due_by, outcome, victims_assisted, reported_at`;

export interface DispatchRow {
  id: string;
  event_id: string;
  alert_id: string;
  case_id: string;
  team: string;
  dispatched_at: Date;
  due_by: Date;
  outcome: ReportOutcome | null;
  victims_assisted: number | null;
  reported_at: Date | null;
}

function statusOf(row: DispatchRow): DispatchStatus {
  return row.reported_at === null ? 'open' : 'reported';
}

export function dispatchListItem(row: DispatchRow, now: Date): DispatchListItem {
  return {
    dispatchId: row.id,
    alertId: row.alert_id,
    caseId: row.case_id,
    team: row.team,
    dispatchedAt: row.dispatched_at.toISOString(),
    dueBy: row.due_by.toISOString(),
    status: statusOf(row),
    overdue: isOverdue({ dueBy: row.due_by, reportedAt: row.reported_at }, now),
  };
}

/** The dispatches of a case, oldest first, for its timeline. */
export async function caseDispatches(
  db: DataSource | EntityManager,
  caseId: string,
): Promise<CaseDispatch[]> {
  const rows: DispatchRow[] = await db.query(
    `SELECT ${DISPATCH_COLUMNS} FROM ministry_dispatch WHERE case_id = $1 ORDER BY dispatched_at, id`,
    [caseId],
  );
  return rows.map((row) => ({
    dispatchId: row.id,
    eventId: row.event_id,
    alertId: row.alert_id,
    team: row.team,
    dispatchedAt: row.dispatched_at.toISOString(),
    dueBy: row.due_by.toISOString(),
    status: statusOf(row),
    report:
      row.reported_at === null
        ? null
        : {
            outcome: row.outcome!,
            victimsAssisted: row.victims_assisted,
            reportedAt: row.reported_at.toISOString(),
          },
  }));
}
