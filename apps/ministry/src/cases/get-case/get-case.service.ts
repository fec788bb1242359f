import { Inject, Injectable } from '@nestjs/common';
import { CaseNotFound } from '../cases.errors.js';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/uuid.js';
import { casePatrolFindings, type CasePatrolFinding } from '../../patrol/case-findings/case-findings.js';
import { caseDispatches, type CaseDispatch } from '../../dispatches/dispatch.view.js';
import { referralsOfCase, type CaseReferral } from '../../referrals/case-referrals.js';

export interface CaseView {
  id: string;
  region: string;
  openedAt: string;
  openedByEventId: string;
  /** Police report numbers and interception ids linked to the case (identities of people are not shown). */
  reportNumbers: string[];
  interceptionIds: string[];
  /** Every event linked into the case, oldest first: ids and types only, no narrative. */
  events: Array<{ eventId: string; type: string; occurredAt: string }>;
  eventIds: string[];
  alertIds: string[];
  watchlistEntryIds: string[];
  /** Checkpoint matches linked to the case, oldest first (ids, checkpoint, decision, time; no traveller details). */
  checkpointMatches: Array<{
    screeningId: string;
    eventId: string;
    checkpoint: string;
    decision: string;
    entryId: string | null;
    occurredAt: string;
  }>;
  /** Departure delays linked to the case, oldest first; `reason` is the delay's reason. */
  departureDelays: Array<{
    delayId: string;
    eventId: string;
    checkpoint: string;
    reason: string;
    entryId: string | null;
    screeningId: string | null;
    occurredAt: string;
  }>;
  /** P4MI referrals opened on the case, oldest first, with the post's outcome once recorded (ids only). */
  referrals: CaseReferral[];
  /** Rapid response teams sent on the case's alerts, oldest first, with their reports (no notes). */
  dispatches: CaseDispatch[];
  /** Cyber patrol findings linked to the case, the oldest link first (ids and times only). */
  patrolFindings: CasePatrolFinding[];
}

interface CheckpointFactRow {
  event_id: string;
  kind: 'match' | 'delay';
  fact_id: string;
  checkpoint: string;
  decision: string;
  entry_id: string | null;
  screening_id: string | null;
  occurred_at: Date;
}

@Injectable()
export class GetCaseService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async get(id: string): Promise<CaseView> {
    const notFound = new CaseNotFound();
    if (!isUuid(id)) throw notFound;
    const rows: Array<{ id: string; region: string; opened_at: Date; opened_by_event_id: string }> =
      await this.dataSource.query(`SELECT * FROM ministry_case WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) throw notFound;
    const [links, events, alerts, entries, facts, referrals] = await Promise.all([
      this.dataSource.query(
        `SELECT kind, value FROM ministry_case_link WHERE case_id = $1 AND kind IN ('report', 'interception') ORDER BY kind, value`,
        [id],
      ) as Promise<Array<{ kind: string; value: string }>>,
      this.dataSource.query(
        `SELECT event_id, event_type, occurred_at FROM ministry_case_event WHERE case_id = $1 ORDER BY occurred_at, event_id`,
        [id],
      ) as Promise<Array<{ event_id: string; event_type: string; occurred_at: Date }>>,
      this.dataSource.query(`SELECT id FROM ministry_alert WHERE case_id = $1 ORDER BY raised_at, id`, [
        id,
      ]) as Promise<Array<{ id: string }>>,
      this.dataSource.query(
        `SELECT id FROM ministry_watchlist_entry WHERE case_id = $1 ORDER BY issued_at, id`,
        [id],
      ) as Promise<Array<{ id: string }>>,
      this.dataSource.query(
        `SELECT event_id, kind, fact_id, checkpoint, decision, entry_id, screening_id, occurred_at
           FROM ministry_case_checkpoint_fact WHERE case_id = $1 ORDER BY occurred_at, event_id`,
        [id],
      ) as Promise<CheckpointFactRow[]>,
      referralsOfCase(this.dataSource, id),
    ]);
    return {
      id: row.id,
      region: row.region,
      openedAt: row.opened_at.toISOString(),
      openedByEventId: row.opened_by_event_id,
      reportNumbers: links.filter((l) => l.kind === 'report').map((l) => l.value),
      interceptionIds: links.filter((l) => l.kind === 'interception').map((l) => l.value),
      events: events.map((e) => ({
        eventId: e.event_id,
        type: e.event_type,
        occurredAt: e.occurred_at.toISOString(),
      })),
      eventIds: events.map((e) => e.event_id),
      alertIds: alerts.map((a) => a.id),
      watchlistEntryIds: entries.map((e) => e.id),
      checkpointMatches: facts
        .filter((f) => f.kind === 'match')
        .map((f) => ({
          screeningId: f.fact_id,
          eventId: f.event_id,
          checkpoint: f.checkpoint,
          decision: f.decision,
          entryId: f.entry_id,
          occurredAt: f.occurred_at.toISOString(),
        })),
      departureDelays: facts
        .filter((f) => f.kind === 'delay')
        .map((f) => ({
          delayId: f.fact_id,
          eventId: f.event_id,
          checkpoint: f.checkpoint,
          reason: f.decision,
          entryId: f.entry_id,
          screeningId: f.screening_id,
          occurredAt: f.occurred_at.toISOString(),
        })),
      referrals,
      dispatches: await caseDispatches(this.dataSource, id),
      patrolFindings: await casePatrolFindings(this.dataSource, id),
    };
  }
}
