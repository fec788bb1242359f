import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cyber patrol's findings this deployment keeps as leads (GET /v1/leads): those whose region is
 * a Polda it serves, one row per finding (a redelivery, or the same finding re-read by a new
 * durable, adds nothing). `data` is the event's data as published: the ad, and the phone numbers
 * and account handle of whoever placed it (personal data, like the police's own records).
 */
export class CreateLeads1797900000012 implements MigrationInterface {
  name = 'CreateLeads1797900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE leads (
        finding_id  uuid        PRIMARY KEY,
        event_id    uuid        NOT NULL,
        region      text        NOT NULL,
        recorded_at timestamptz NOT NULL,
        data        jsonb       NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`COMMENT ON COLUMN leads.data IS 'personal data (phone numbers, account handle)'`);
    // A Polda's leads newest first by finding id (UUIDv7, so recording order), paged on it.
    await q.query(`CREATE INDEX leads_region_finding_id ON leads (region, finding_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE leads`);
  }
}
