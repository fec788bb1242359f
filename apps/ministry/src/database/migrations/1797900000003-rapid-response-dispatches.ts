import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rapid response team's dispatches and the acknowledgement SLA of critical alerts (§13).
 *
 * `ministry_alert.ack_due_at` is the deadline, stamped when a critical alert is raised (null for
 * every other alert, and for alerts raised before this release: a deadline in the past would raise a
 * burst of breaches on the first start); `sla_breach_alert_id` names the sla_breached alert once it
 * is raised. Both live in the database so any instance, after any restart, finds what is due; the
 * partial index holds only the alerts still waiting, so the sweep stays cheap however many alerts
 * are kept.
 *
 * `ministry_dispatch` is one team sent on one alert. At most one dispatch of an alert is open (not
 * reported) at a time; another team may be sent once the first has reported. The report note is
 * free text that may name people, so it is kept only encrypted (AAD bound to the row). The row holds
 * what the statistics need: the event id that published it, the alert's region, the time of the
 * report and the number of victims assisted.
 */
export class RapidResponseDispatches1797900000003 implements MigrationInterface {
  name = 'RapidResponseDispatches1797900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ministry_alert ADD COLUMN ack_due_at timestamptz`);
    await q.query(`ALTER TABLE ministry_alert ADD COLUMN sla_breach_alert_id uuid`);
    await q.query(`
      CREATE INDEX ministry_alert_ack_due ON ministry_alert (ack_due_at)
       WHERE ack_due_at IS NOT NULL AND sla_breach_alert_id IS NULL AND status = 'open'`);
    await q.query(`
      CREATE TABLE ministry_dispatch (
        id                     uuid        PRIMARY KEY,
        alert_id               uuid        NOT NULL REFERENCES ministry_alert (id),
        case_id                uuid        NOT NULL REFERENCES ministry_case (id),
        region                 text        NOT NULL,
        severity               text        NOT NULL,
        team                   text        NOT NULL,
        officer                text        NOT NULL,
        dispatched_by          text        NOT NULL,
        dispatched_at          timestamptz NOT NULL,
        due_by                 timestamptz NOT NULL,
        event_id               uuid        NOT NULL UNIQUE,
        outcome                text,
        victims_assisted       integer,
        report_note_encrypted  text,
        reported_at            timestamptz,
        reported_by            text,
        CHECK (due_by > dispatched_at),
        CHECK (outcome IS NULL OR outcome IN ('victims_assisted', 'referred_to_police', 'no_action')),
        CHECK ((outcome IS NULL) = (reported_at IS NULL) AND (reported_at IS NULL) = (reported_by IS NULL)),
        CHECK ((victims_assisted IS NOT NULL) = (outcome IS NOT DISTINCT FROM 'victims_assisted')),
        CHECK (victims_assisted IS NULL OR victims_assisted BETWEEN 1 AND 10000)
      )`);
    // The one open dispatch of an alert: a second concurrent dispatch cannot commit.
    await q.query(
      `CREATE UNIQUE INDEX ministry_dispatch_open_per_alert ON ministry_dispatch (alert_id) WHERE reported_at IS NULL`,
    );
    await q.query(`CREATE INDEX ministry_dispatch_case ON ministry_dispatch (case_id, dispatched_at)`);
    await q.query(`CREATE INDEX ministry_dispatch_recent ON ministry_dispatch (dispatched_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ministry_dispatch`);
    await q.query(`DROP INDEX ministry_alert_ack_due`);
    await q.query(`ALTER TABLE ministry_alert DROP COLUMN sla_breach_alert_id`);
    await q.query(`ALTER TABLE ministry_alert DROP COLUMN ack_due_at`);
  }
}
