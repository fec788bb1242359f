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

/**
 * The producer ledger (docs/contract.md §11): nats-server 2.9.10 acknowledges a publish before it
 * is on disk, so the relay moves each acknowledged row here instead of deleting it, with the
 * stream and sequence of its acknowledgement, and the reconciler reads those sequences back and
 * republishes what the stream lost. A table of its own, so `bus_outbox` keeps meaning "not yet
 * acknowledged" (the relay's claim, the health backlog and `simpul outbox` see only those rows).
 * Rows older than the retention window (BUS_LEDGER_RETENTION_HOURS) are deleted in batches by
 * `published_at`, which the index also serves for the reconciler's window.
 */
export class BusLedger1797400000000 implements MigrationInterface {
  name = 'BusLedger1797400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bus_ledger (
        id           bigint      PRIMARY KEY,
        event_id     uuid        NOT NULL,
        event_type   text        NOT NULL,
        source       text        NOT NULL,
        subject      text        NOT NULL,
        body         text        NOT NULL,
        headers      jsonb,
        created_at   timestamptz NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        stream       text        NOT NULL,
        stream_seq   bigint      NOT NULL,
        acked_at     timestamptz NOT NULL DEFAULT now(),
        verified_at  timestamptz,
        republished  integer     NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX bus_ledger_published_at ON bus_ledger (published_at, id)`);
    await q.query(
      `COMMENT ON TABLE bus_ledger IS 'Simpul producer ledger: events JetStream acknowledged, kept for the retention window so the reconciler can republish what the stream lost'`,
    );
    await q.query(`COMMENT ON COLUMN bus_ledger.id IS 'The bus_outbox row id the event had'`);
    await q.query(
      `COMMENT ON COLUMN bus_ledger.body IS 'RFC 8785 canonical JSON of the CloudEvent, as published and signed; contains personal data; deleted after the retention window'`,
    );
    await q.query(
      `COMMENT ON COLUMN bus_ledger.stream_seq IS 'Sequence in stream of the last publish acknowledgement (the original one for a duplicate acknowledgement)'`,
    );
    await q.query(
      `COMMENT ON COLUMN bus_ledger.verified_at IS 'When the reconciler last found the event at stream/stream_seq; NULL = not yet'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bus_ledger`);
  }
}

/**
 * Attempts counted by the consumer (consumer/attempts.ts): the server's delivery count also counts
 * deliveries no handler ever saw (to an instance killed with pull requests open), so it cannot
 * say when an event's attempts are exhausted. A row exists only while an event is being retried.
 */
export class BusAttempt1797500000000 implements MigrationInterface {
  name = 'BusAttempt1797500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bus_attempt (
        consumer   text        NOT NULL,
        event_id   uuid        NOT NULL,
        attempts   integer     NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`CREATE INDEX bus_attempt_updated_at ON bus_attempt (updated_at)`);
    await q.query(
      `COMMENT ON TABLE bus_attempt IS 'Simpul consumer attempts at an event being retried (first delivery = attempt 1, not stored); deleted when applied'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bus_attempt`);
  }
}

/**
 * Who holds a relay's lease (its database session: backend pid and start), so a relay that died
 * with its session gives its claimed rows back at once instead of after the lease (30 s): the fault
 * suite measured 30.2 s from killing a producer to its outbox being empty.
 */
export class BusOutboxClaimer1797500000001 implements MigrationInterface {
  name = 'BusOutboxClaimer1797500000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE bus_outbox ADD COLUMN claimed_by integer, ADD COLUMN claimed_by_since timestamptz`,
    );
    await q.query(
      `CREATE INDEX bus_outbox_claimed ON bus_outbox (claimed_until) WHERE claimed_until IS NOT NULL`,
    );
    await q.query(
      `COMMENT ON COLUMN bus_outbox.claimed_by IS 'Backend pid of the database session of the relay holding the lease (with claimed_by_since, its backend_start)'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX bus_outbox_claimed`);
    await q.query(`ALTER TABLE bus_outbox DROP COLUMN claimed_by, DROP COLUMN claimed_by_since`);
  }
}

/** Every migration of the bus, in order. */
export const BUS_MIGRATIONS = [
  BusOutbox1764201600000,
  BusInbox1764201600001,
  BusOutboxDeadLetterPath1797250000000,
  BusLedger1797400000000,
  BusAttempt1797500000000,
  BusOutboxClaimer1797500000001,
];
