import { Inject, Injectable } from '@nestjs/common';
import { IdempotentWriteService, type IdempotencyContext, objectBody, validationFailed } from '@simpul/http';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';
import { isUuid } from '../../common/uuid.js';
import { PersonVault } from '../../identities/person-vault.js';
import { readOutcomeRequest } from '../referral.rules.js';
import { REFERRAL_COLUMNS, referralView, type ReferralRow, type ReferralView } from '../referral.view.js';
import { ReferralNotFound, ReferralOutcomeAlreadyRecorded } from '../referrals.errors.js';

/**
 * Where a referral's note lives. The note is free text about a traveller and may name people or
 * carry a phone number: at rest it is only ever encrypted, bound to this column and its row.
 */
export const REFERRAL_NOTE_COLUMN = 'ministry_referral.note_encrypted';

/**
 * Records what the P4MI post did with a referred traveller, once: the referral closes with its
 * outcome, time and officer, the note sealed. Nothing is published (the contract has no event for
 * it); the figures read the row, traced by the match event that opened it.
 */
@Injectable()
export class RecordReferralOutcomeService {
  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  async record(id: string, body: unknown, idempotency: IdempotencyContext): Promise<ReferralView> {
    const write = { ...idempotency, operation: `POST /v1/referrals/${id}/outcome`, body, statusCode: 200 };
    return this.writes.run(write, async (manager) => {
      // Validated first, so a bad body is 400 whatever the referral, and writes nothing.
      const read = readOutcomeRequest(objectBody(body));
      if (!('value' in read)) throw validationFailed(read.problems);
      const { outcome, officer, note } = read.value;
      if (!isUuid(id)) throw new ReferralNotFound();
      // Locked: of two posts answering at once, the second waits, then finds it closed (409).
      const rows: Array<{ status: string; nik_index: string | null; passport_index: string | null }> =
        await manager.query(
          `SELECT r.status, e.nik_index, e.passport_index
             FROM ministry_referral r LEFT JOIN ministry_watchlist_entry e ON e.id = r.entry_id
            WHERE r.id = $1 FOR UPDATE OF r`,
          [id],
        );
      const found = rows[0];
      if (!found) throw new ReferralNotFound();
      if (found.status !== 'open') throw new ReferralOutcomeAlreadyRecorded();
      await manager.query(
        `UPDATE ministry_referral
            SET status = 'closed', outcome = $2, outcome_at = now(), outcome_by = $3, note_encrypted = $4
          WHERE id = $1`,
        [
          id,
          outcome,
          officer,
          note !== undefined ? this.vault.sealField(note, REFERRAL_NOTE_COLUMN, id) : null,
        ],
      );
      const [updated]: ReferralRow[] = await manager.query(
        `SELECT ${REFERRAL_COLUMNS} FROM ministry_referral WHERE id = $1`,
        [id],
      );
      this.audit.deskStep(manager, idempotency.unitId, {
        action: 'referral.outcome_recorded',
        recordType: 'referral',
        recordId: id,
        subjectRefs: [found.nik_index, found.passport_index],
      });
      return referralView(updated!);
    });
  }
}
