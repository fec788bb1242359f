import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cyber patrol's findings (docs/contract.md §13) and what links them to cases.
 *
 * A finding's phone numbers and account handle are personal data: at rest only as FieldCipher
 * tokens bound to their column and row, and each phone number as a keyed blind index in
 * ministry_patrol_finding_phone, which the links and `GET /v1/patrol/findings?phone=` search.
 * ministry_case_patrol_key holds, per case, the blind index of every phone number of its suspects
 * and candidates and the normalised name of its placement companies: what a finding is matched
 * against, whichever arrives first. No column holds a phone number in clear.
 */
export class RecordPatrolFindings1797900000002 implements MigrationInterface {
  name = 'RecordPatrolFindings1797900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ministry_patrol_finding (
        id                        uuid        PRIMARY KEY,
        event_id                  uuid        NOT NULL UNIQUE,
        recorded_at               timestamptz NOT NULL,
        platform                  text        NOT NULL,
        url                       text        NOT NULL,
        posted_at                 timestamptz,
        account_handle_encrypted  text,
        phone_numbers_encrypted   text,
        phone_count               integer     NOT NULL DEFAULT 0,
        company_name              text,
        company_key               text,
        destination_country       text,
        summary                   text        NOT NULL,
        region                    text,
        recorded_by               text        NOT NULL
      )`);
    await q.query(
      `COMMENT ON TABLE ministry_patrol_finding IS 'Online recruitment ads the cyber patrol recorded; handle and phone numbers only encrypted; summary is free text (never logged)'`,
    );
    await q.query(
      `CREATE INDEX ministry_patrol_finding_company ON ministry_patrol_finding (company_key) WHERE company_key IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE ministry_patrol_finding_phone (
        finding_id  uuid NOT NULL REFERENCES ministry_patrol_finding (id) ON DELETE CASCADE,
        phone_index text NOT NULL,
        PRIMARY KEY (finding_id, phone_index)
      )`);
    await q.query(
      `COMMENT ON COLUMN ministry_patrol_finding_phone.phone_index IS 'keyed blind index (HMAC) of a phone number in E.164, never the number'`,
    );
    await q.query(
      `CREATE INDEX ministry_patrol_finding_phone_by_index ON ministry_patrol_finding_phone (phone_index)`,
    );
    await q.query(`
      CREATE TABLE ministry_patrol_finding_case (
        finding_id         uuid        NOT NULL REFERENCES ministry_patrol_finding (id) ON DELETE CASCADE,
        case_id            uuid        NOT NULL REFERENCES ministry_case (id),
        linked_at          timestamptz NOT NULL DEFAULT now(),
        linked_by_event_id uuid        NOT NULL,
        PRIMARY KEY (finding_id, case_id)
      )`);
    await q.query(
      `COMMENT ON TABLE ministry_patrol_finding_case IS 'A finding linked to a case, by the event that made the link (the finding''s or a police event''s); ids only'`,
    );
    await q.query(
      `CREATE INDEX ministry_patrol_finding_case_by_case ON ministry_patrol_finding_case (case_id)`,
    );
    await q.query(`
      CREATE TABLE ministry_case_patrol_key (
        kind     text NOT NULL CHECK (kind IN ('phone', 'company')),
        value    text NOT NULL,
        case_id  uuid NOT NULL REFERENCES ministry_case (id),
        event_id uuid NOT NULL,
        PRIMARY KEY (kind, value, case_id)
      )`);
    await q.query(
      `COMMENT ON COLUMN ministry_case_patrol_key.value IS 'phone: keyed blind index of a suspect''s or candidate''s phone number (never the number); company: normalised placement company name'`,
    );
    await q.query(`CREATE INDEX ministry_case_patrol_key_by_case ON ministry_case_patrol_key (case_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ministry_case_patrol_key`);
    await q.query(`DROP TABLE ministry_patrol_finding_case`);
    await q.query(`DROP TABLE ministry_patrol_finding_phone`);
    await q.query(`DROP TABLE ministry_patrol_finding`);
  }
}
