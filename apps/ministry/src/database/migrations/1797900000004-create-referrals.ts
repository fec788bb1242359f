import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P4MI referrals (docs/contract.md §13): a checkpoint `refer` on a protective entry opens one for
 * the service post of that checkpoint, which records its outcome. One row per screening whatever
 * redeliveries or instances apply the match (the unique screening_id); ids only, the traveller is
 * reached through the entry. The match's event id, the checkpoint, the outcome and its time are
 * what a statistics figure counts and traces. The officer's free-text note may name people: it is
 * at rest only encrypted, bound to its row.
 */
export class CreateReferrals1797900000004 implements MigrationInterface {
  name = 'CreateReferrals1797900000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ministry_referral (
        id              uuid        PRIMARY KEY,
        screening_id    uuid        NOT NULL UNIQUE,
        checkpoint      text        NOT NULL,
        entry_id        uuid        NOT NULL,
        case_id         uuid        NOT NULL REFERENCES ministry_case (id),
        event_id        uuid        NOT NULL,
        opened_at       timestamptz NOT NULL,
        status          text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        outcome         text        CHECK (outcome IN ('counselled', 'returned_home', 'placed_procedurally', 'declined')),
        outcome_at      timestamptz,
        outcome_by      text,
        note_encrypted  text,
        CHECK ((status = 'open') = (outcome IS NULL)),
        CHECK ((outcome IS NULL) = (outcome_at IS NULL) AND (outcome IS NULL) = (outcome_by IS NULL)),
        CHECK (outcome IS NOT NULL OR note_encrypted IS NULL)
      )`);
    await q.query(
      `CREATE INDEX ministry_referral_checkpoint ON ministry_referral (checkpoint, status, opened_at, id)`,
    );
    await q.query(`CREATE INDEX ministry_referral_case ON ministry_referral (case_id, opened_at)`);
    await q.query(
      `COMMENT ON TABLE ministry_referral IS 'P4MI referrals: one per screening (refer on a protective entry), ids only; outcome recorded once by the post'`,
    );
    await q.query(
      `COMMENT ON COLUMN ministry_referral.event_id IS 'the immigration.screening.matched.v1 event that opened it (traces a figure)'`,
    );
    await q.query(
      `COMMENT ON COLUMN ministry_referral.note_encrypted IS 'the officer note, FieldCipher, AAD ministry_referral.note_encrypted:<id>; may be personal data'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ministry_referral`);
  }
}
