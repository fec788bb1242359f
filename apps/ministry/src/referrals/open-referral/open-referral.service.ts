import { Inject, Injectable } from '@nestjs/common';
import type { SimpulEvent } from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';
import { deterministicUuid } from '../../common/ids.js';
import { opensReferral } from '../referral.rules.js';

/**
 * Opens the P4MI referral of a checkpoint match, inside the transaction that applies the match
 * (with its inbox row, case link and alert). One per screening: the id is derived from the
 * screening id and screening_id is unique, so a redelivery, the same screening re-published under
 * another event id, or two instances applying at once all leave the first row and add none (the
 * second insert waits on the unique index for the first to commit, then does nothing). No conflict
 * target: the primary key is derived from screening_id, and a conflict on an index that is not an
 * arbiter would raise instead of doing nothing.
 */
@Injectable()
export class OpenReferralService {
  constructor(@Inject(MinistryAudit) private readonly audit: MinistryAudit) {}

  /** The referral's id when this call opened it; undefined when the match opens none or one exists. */
  async openFor(
    manager: EntityManager,
    event: SimpulEvent<'immigration.screening.matched.v1'>,
    caseId: string,
    legalType: string | undefined,
  ): Promise<string | undefined> {
    const data = event.data;
    if (!opensReferral(data.decision, legalType)) return undefined;
    const id = deterministicUuid('referral', data.screeningId.toLowerCase());
    const inserted: unknown[] = await manager.query(
      `INSERT INTO ministry_referral (id, screening_id, checkpoint, entry_id, case_id, event_id, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [id, data.screeningId, data.checkpoint, data.entryId, caseId, event.id, data.occurredAt],
    );
    if (inserted.length === 0) return undefined;
    this.audit.eventStep(manager, event, {
      action: 'referral.opened',
      recordType: 'referral',
      recordId: id,
      persons: [data.traveler],
    });
    return id;
  }
}
