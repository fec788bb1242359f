import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /v1/arrests and /v1/interceptions list one Polda's records newest first by id (UUIDv7, so
 * recording order) and page on it (`id < before`): an index per table on (polda, id) serves both
 * the order and the page bound without a sort.
 */
export class ListRecordsByPolda1797600000000 implements MigrationInterface {
  name = 'ListRecordsByPolda1797600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX arrests_polda_arrest_id ON arrests (polda, arrest_id)`);
    await q.query(
      `CREATE INDEX interceptions_polda_interception_id ON interceptions (polda, interception_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX interceptions_polda_interception_id`);
    await q.query(`DROP INDEX arrests_polda_arrest_id`);
  }
}
