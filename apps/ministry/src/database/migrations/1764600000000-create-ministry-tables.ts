import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases, alerts, watchlist, companies and prevention counts of the ministry (docs/contract.md §1, §5). */
export class CreateMinistryTables1764600000000 implements MigrationInterface {
  name = 'CreateMinistryTables1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ministry_case (
        id                 uuid        PRIMARY KEY,
        region             text        NOT NULL,
        opened_by_event_id uuid        NOT NULL,
        opened_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ministry_case_link (
        kind    text NOT NULL,
        value   text NOT NULL,
        case_id uuid NOT NULL REFERENCES ministry_case (id),
        PRIMARY KEY (kind, value)
      )`);
    await q.query(
      `COMMENT ON COLUMN ministry_case_link.value IS 'report number, interception id, NIK or passport number: personal data for nik/passport'`,
    );
    await q.query(`CREATE INDEX ministry_case_link_case ON ministry_case_link (case_id)`);
    await q.query(`
      CREATE TABLE ministry_case_event (
        case_id     uuid        NOT NULL REFERENCES ministry_case (id),
        event_id    uuid        NOT NULL,
        event_type  text        NOT NULL,
        occurred_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, event_id)
      )`);
    await q.query(`
      CREATE TABLE ministry_alert (
        id               uuid        PRIMARY KEY,
        case_id          uuid        NOT NULL REFERENCES ministry_case (id),
        severity         text        NOT NULL,
        kind             text        NOT NULL,
        region           text        NOT NULL,
        summary          text        NOT NULL,
        source_event_ids text[]      NOT NULL,
        status           text        NOT NULL DEFAULT 'open',
        raised_at        timestamptz NOT NULL DEFAULT now(),
        acknowledged_at  timestamptz,
        acknowledged_by  text
      )`);
    await q.query(`CREATE INDEX ministry_alert_status ON ministry_alert (status, raised_at)`);
    await q.query(`
      CREATE TABLE ministry_watchlist_entry (
        id                        uuid        PRIMARY KEY,
        version                   integer     NOT NULL,
        legal_type                text        NOT NULL,
        action                    text        NOT NULL,
        person                    jsonb       NOT NULL,
        reason                    text        NOT NULL,
        issued_by                 text        NOT NULL,
        decision_number           text,
        extension_decision_number text,
        valid_from                text        NOT NULL,
        valid_until               text        NOT NULL,
        valid_until_at            timestamptz NOT NULL,
        case_id                   uuid,
        origin                    jsonb,
        status                    text        NOT NULL DEFAULT 'active',
        revoked_at                timestamptz,
        issued_at                 timestamptz NOT NULL DEFAULT now(),
        last_event_id             uuid        NOT NULL
      )`);
    await q.query(`COMMENT ON COLUMN ministry_watchlist_entry.person IS 'personal data'`);
    await q.query(`
      CREATE TABLE ministry_company (
        id               uuid        PRIMARY KEY,
        identity_key     text        NOT NULL UNIQUE,
        name             text        NOT NULL,
        license_number   text,
        source_event_ids text[]      NOT NULL,
        first_seen_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ministry_company_sanction (
        id              uuid        PRIMARY KEY,
        company_id      uuid        NOT NULL REFERENCES ministry_company (id),
        sanction        text        NOT NULL,
        reason          text        NOT NULL,
        effective_from  text        NOT NULL,
        effective_until text,
        case_id         uuid,
        event_id        uuid        NOT NULL,
        imposed_by      text        NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE ministry_prevented_departure (
        event_id    uuid        PRIMARY KEY,
        fact_id     uuid        NOT NULL UNIQUE,
        kind        text        NOT NULL,
        polda       text,
        checkpoint  text,
        occurred_at timestamptz NOT NULL,
        prevented   integer     NOT NULL CHECK (prevented >= 0)
      )`);
    await q.query(
      `CREATE INDEX ministry_prevented_departure_time ON ministry_prevented_departure (occurred_at)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'ministry_prevented_departure',
      'ministry_company_sanction',
      'ministry_company',
      'ministry_watchlist_entry',
      'ministry_alert',
      'ministry_case_event',
      'ministry_case_link',
      'ministry_case',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
