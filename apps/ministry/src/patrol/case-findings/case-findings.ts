import type { EntityManager } from 'typeorm';

/** A finding on a case's timeline: ids and times only (the finding itself is GET /v1/patrol/findings/:id). */
export interface CasePatrolFinding {
  findingId: string;
  /** The ministry.patrol.finding.recorded.v1 event of the finding. */
  eventId: string;
  linkedAt: string;
  /** The event that made the link: the finding's own, or a later arrest or interception. */
  linkedByEventId: string;
}

/** The findings linked to a case, the oldest link first (for GET /v1/cases/:id). */
export async function casePatrolFindings(
  db: Pick<EntityManager, 'query'>,
  caseId: string,
): Promise<CasePatrolFinding[]> {
  const rows: Array<{ finding_id: string; event_id: string; linked_at: Date; linked_by_event_id: string }> =
    await db.query(
      `SELECT l.finding_id, f.event_id, l.linked_at, l.linked_by_event_id
         FROM ministry_patrol_finding_case l JOIN ministry_patrol_finding f ON f.id = l.finding_id
        WHERE l.case_id = $1 ORDER BY l.linked_at, l.finding_id`,
      [caseId],
    );
  return rows.map((r) => ({
    findingId: r.finding_id,
    eventId: r.event_id,
    linkedAt: r.linked_at.toISOString(),
    linkedByEventId: r.linked_by_event_id,
  }));
}
