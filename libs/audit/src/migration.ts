import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit_log table, listed by every app in its migrations (`[...BUS_MIGRATIONS, ..., CreateAuditLog1796000000000]`).
 * Never edit a released migration: add a new one.
 */
export class CreateAuditLog1796000000000 implements MigrationInterface {
  name = 'CreateAuditLog1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        position      bigint      PRIMARY KEY CHECK (position >= 1),
        recorded_at   timestamptz NOT NULL,
        unit          text        NOT NULL,
        official      text,
        purpose       text        NOT NULL,
        action        text        NOT NULL,
        record_type   text        NOT NULL,
        record_id     text        NOT NULL,
        subject_refs  text[]      NOT NULL DEFAULT '{}',
        event_id      uuid,
        previous_hash text        NOT NULL,
        hash          text        NOT NULL
      )`);
    // A data subject's trail (GET /v1/audit/subject) searches the blind indexes.
    await q.query(`CREATE INDEX audit_log_subject_refs ON audit_log USING gin (subject_refs)`);
    // The verifier looks records up by their hashes to tell a reordered record from a modified one.
    await q.query(`CREATE INDEX audit_log_hash ON audit_log (hash)`);
    await q.query(`CREATE INDEX audit_log_previous_hash ON audit_log (previous_hash)`);
    await q.query(
      `COMMENT ON TABLE audit_log IS 'Simpul audit trail (UU PDP art. 31): append-only, hash-chained; verify with simpul audit verify'`,
    );
    await q.query(
      `COMMENT ON COLUMN audit_log.subject_refs IS 'Keyed blind indexes (HMAC-SHA256) of the data subjects; never raw identifiers'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
  }
}
