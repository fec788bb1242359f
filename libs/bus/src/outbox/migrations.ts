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

/** Every migration of the bus, in order. */
export const BUS_MIGRATIONS = [BusOutbox1764201600000, BusInbox1764201600001];
