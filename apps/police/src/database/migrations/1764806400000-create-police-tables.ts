import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The police service's own tables: arrests, interceptions, idempotency keys, checkpoint matches. */
export class CreatePoliceTables1764806400000 implements MigrationInterface {
  name = 'CreatePoliceTables1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE arrests (
        arrest_id     uuid        PRIMARY KEY,
        event_id      uuid        NOT NULL UNIQUE,
        polda         text        NOT NULL,
        report_number text        NOT NULL,
        occurred_at   timestamptz NOT NULL,
        data          jsonb       NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX arrests_polda_occurred_at ON arrests (polda, occurred_at)`);
    await q.query(
      `COMMENT ON COLUMN arrests.data IS 'data of police.arrest.recorded.v1 as published; personal data (criminal records)'`,
    );
    await q.query(`
      CREATE TABLE interceptions (
        interception_id uuid        PRIMARY KEY,
        event_id        uuid        NOT NULL UNIQUE,
        polda           text        NOT NULL,
        occurred_at     timestamptz NOT NULL,
        candidate_count integer     NOT NULL,
        data            jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX interceptions_polda_occurred_at ON interceptions (polda, occurred_at)`);
    await q.query(
      `COMMENT ON COLUMN interceptions.data IS 'data of police.departure.foiled.v1 as published; personal data of likely victims'`,
    );
    await q.query(`
      CREATE TABLE idempotency_keys (
        unit_id      text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        status_code  integer     NOT NULL,
        response     jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (unit_id, key)
      )`);
    await q.query(
      `COMMENT ON TABLE idempotency_keys IS 'First result per (unit, Idempotency-Key); the request only as a hash; no personal data'`,
    );
    await q.query(`
      CREATE TABLE matches (
        event_id         uuid             PRIMARY KEY,
        screening_id     uuid             NOT NULL,
        entry_id         uuid             NOT NULL,
        entry_version    integer          NOT NULL,
        checkpoint       text             NOT NULL,
        decision         text             NOT NULL,
        score            double precision NOT NULL,
        occurred_at      timestamptz      NOT NULL,
        origin_unit      text             NOT NULL,
        origin_event_id  uuid             NOT NULL,
        origin_person_id uuid,
        received_at      timestamptz      NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX matches_origin_unit_occurred_at ON matches (origin_unit, occurred_at)`);
    await q.query(
      `COMMENT ON TABLE matches IS 'Checkpoint matches on persons a served Polda reported; ids and scores only, no traveller details'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE matches`);
    await q.query(`DROP TABLE idempotency_keys`);
    await q.query(`DROP TABLE interceptions`);
    await q.query(`DROP TABLE arrests`);
  }
}
