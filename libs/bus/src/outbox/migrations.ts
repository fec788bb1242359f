import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bus's tables, as TypeORM migrations every app lists explicitly next to its own
 * (`migrations: [...BUS_MIGRATIONS, ...]`). Never edit a released migration: add a new one.
 */

/** Events waiting to be published: written in the caller's transaction, drained by the relay. */
export class BusOutbox1764201600000 implements MigrationInterface {
  name = 'BusOutbox1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bus_outbox (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id      uuid        NOT NULL,
        event_type    text        NOT NULL,
        source        text        NOT NULL,
        subject       text        NOT NULL,
        body          text        NOT NULL,
        headers       jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        attempts      integer     NOT NULL DEFAULT 0,
        claimed_until timestamptz,
        last_error    text
      )`);
    await q.query(
      `COMMENT ON TABLE bus_outbox IS 'Simpul transactional outbox: events committed with their state change, not yet acknowledged by JetStream'`,
    );
    await q.query(
      `COMMENT ON COLUMN bus_outbox.body IS 'RFC 8785 canonical JSON of the CloudEvent: the exact bytes published and signed; contains personal data'`,
    );
    await q.query(
      `COMMENT ON COLUMN bus_outbox.claimed_until IS 'Lease of the relay that claimed the row; NULL or past = claimable'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bus_outbox`);
  }
}

/** Events a consumer has applied: the row commits with the handler's effects, so a redelivery is a no-op. */
export class BusInbox1764201600001 implements MigrationInterface {
  name = 'BusInbox1764201600001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bus_inbox (
        consumer   text        NOT NULL,
        event_id   uuid        NOT NULL,
        event_type text        NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(
      `COMMENT ON TABLE bus_inbox IS 'Simpul inbox: (durable consumer, event id) of every applied event; no personal data'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bus_inbox`);
  }
}

/**
 * The outbox's dead-letter path: a row is retried at `next_attempt_at` (backoff per row, so a row
 * that cannot publish never holds back newer ones) and set aside as `failed` after the relay's
 * attempt limit, until an operator runs `simpul outbox retry|drop`. Safe on existing data: the
 * new columns have defaults, so rows already waiting stay `pending` and due now. The index on
 * `bus_inbox.applied_at` lets retention prune the inbox in small batches (see inbox-retention.ts).
 */
export class BusOutboxDeadLetterPath1797250000000 implements MigrationInterface {
  name = 'BusOutboxDeadLetterPath1797250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE bus_outbox
        ADD COLUMN status          text        NOT NULL DEFAULT 'pending'
                                   CONSTRAINT bus_outbox_status_check CHECK (status IN ('pending', 'failed')),
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN failed_at       timestamptz`);
    // A lease of a relay that was running during the upgrade still holds its row until it ends.
    await q.query(`UPDATE bus_outbox SET next_attempt_at = claimed_until WHERE claimed_until > now()`);
    await q.query(`CREATE INDEX bus_outbox_due ON bus_outbox (next_attempt_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX bus_outbox_failed ON bus_outbox (id) WHERE status = 'failed'`);
    await q.query(
      `COMMENT ON COLUMN bus_outbox.next_attempt_at IS 'When the relay may claim the row next: lease end while claimed, backoff after a failure'`,
    );
    await q.query(
      `COMMENT ON COLUMN bus_outbox.last_error IS 'Code and message of the last failed publish: ids and subjects only, no personal data'`,
    );
    await q.query(`CREATE INDEX bus_inbox_applied_at ON bus_inbox (applied_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bus_inbox_applied_at`);
    await q.query(`DROP INDEX bus_outbox_failed`);
    await q.query(`DROP INDEX bus_outbox_due`);
    await q.query(
      `ALTER TABLE bus_outbox DROP COLUMN failed_at, DROP COLUMN next_attempt_at, DROP COLUMN status`,
    );
  }
}

/** Every migration of the bus, in order. */
export const BUS_MIGRATIONS = [
  BusOutbox1764201600000,
  BusInbox1764201600001,
  BusOutboxDeadLetterPath1797250000000,
];
