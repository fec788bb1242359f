import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The checkpoint's own tables: the watchlist replica (and its high-water mark), screenings and
 * departure delays. Personal data: `watchlist_replica.person`, `screenings.traveler`, the match
 * keys of `delays` (kept only as normalised identifiers, for matching).
 */
export class CreateImmigrationTables1764700000000 implements MigrationInterface {
  name = 'CreateImmigrationTables1764700000000';

  async up(q: QueryRunner): Promise<void> {
    // rank = 2 * version (+1 for a revoke): a revoke of version v beats an issue of version <= v.
    await q.query(`
      CREATE TABLE watchlist_replica (
        entry_id uuid PRIMARY KEY,
        version integer NOT NULL,
        rank bigint NOT NULL,
        legal_type text,
        action text,
        person jsonb,
        valid_from timestamptz,
        valid_until timestamptz,
        revoked_at timestamptz,
        origin jsonb,
        stream_sequence bigint NOT NULL,
        applied_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE watchlist_replica_state (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        last_sequence bigint NOT NULL DEFAULT 0,
        last_applied_at timestamptz
      )`);
    await q.query(`INSERT INTO watchlist_replica_state (id) VALUES (1)`);
    await q.query(`
      CREATE TABLE screenings (
        screening_id uuid PRIMARY KEY,
        checkpoint text NOT NULL,
        screened_at timestamptz NOT NULL,
        decision text NOT NULL,
        traveler jsonb NOT NULL,
        travel jsonb,
        matches jsonb NOT NULL,
        reasons jsonb NOT NULL,
        watchlist_sequence bigint NOT NULL,
        outcome text,
        outcome_at timestamptz,
        officer text,
        note text,
        delay_id uuid
      )`);
    await q.query(`
      CREATE TABLE delays (
        delay_id uuid PRIMARY KEY,
        checkpoint text NOT NULL,
        occurred_at timestamptz NOT NULL,
        valid_until timestamptz NOT NULL,
        reason text NOT NULL,
        nik text,
        passport_key text,
        name_dob_key text,
        screening_id uuid,
        event_id uuid NOT NULL
      )`);
    await q.query(`CREATE INDEX delays_nik ON delays (nik) WHERE nik IS NOT NULL`);
    await q.query(`CREATE INDEX delays_passport ON delays (passport_key) WHERE passport_key IS NOT NULL`);
    await q.query(`CREATE INDEX delays_name_dob ON delays (name_dob_key) WHERE name_dob_key IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delays`);
    await q.query(`DROP TABLE screenings`);
    await q.query(`DROP TABLE watchlist_replica_state`);
    await q.query(`DROP TABLE watchlist_replica`);
  }
}
