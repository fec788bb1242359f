import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import {
  buildEvent,
  childPath,
  MINISTRY_SOURCE,
  MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
} from '@simpul/contracts';
import { IdempotentWriteService, type IdempotencyContext, buildOrReject, objectBody } from '@simpul/http';
import { isUuid } from '../../common/uuid.js';
import { nextVersion } from '../watchlist.rules.js';
import { entryNotFound, lockEntry } from '../lock-entry.js';
import { WatchlistEntryAlreadyRevoked } from '../watchlist.errors.js';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';

/** Revokes an entry with a version above the stored one, so every replica replaces the issued version. */
@Injectable()
export class RevokeEntryService {
  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  async revoke(
    id: string,
    body: unknown,
    idempotency: IdempotencyContext,
  ): Promise<{ id: string; version: number; eventId: string }> {
    const fields = objectBody(body);
    if (!isUuid(id)) throw entryNotFound();
    const unknown = Object.keys(fields)
      .filter((k) => k !== 'reason' && k !== 'revokedAt')
      // The key is the caller's text and may be personal data: shown only if shaped like a property name.
      .map((k) => childPath('', k))
      .map((path) => ({
        path,
        rule: 'unknownProperty',
        message: `${path}: is not allowed [unknownProperty]`,
      }));
    const write = { ...idempotency, operation: `POST /v1/watchlist/${id}/revoke`, body, statusCode: 200 };
    return this.writes.run(write, async (manager) => {
      const entry = await lockEntry(manager, id);
      const version = nextVersion(entry.version);
      const revokedAt = typeof fields.revokedAt === 'string' ? fields.revokedAt : new Date().toISOString();
      // Validated before the state check so a bad body is 400 whatever the entry's state.
      const event = buildOrReject(
        () =>
          buildEvent(
            MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
            { entryId: id, version, reason: fields.reason as string, revokedAt },
            { source: MINISTRY_SOURCE, ...(entry.caseId ? { correlationId: entry.caseId } : {}) },
          ),
        unknown,
      );
      if (entry.status === 'revoked') {
        throw new WatchlistEntryAlreadyRevoked();
      }
      await manager.query(
        `UPDATE ministry_watchlist_entry SET status = 'revoked', version = $2, revoked_at = $3, last_event_id = $4 WHERE id = $1`,
        [id, version, new Date(revokedAt), event.id],
      );
      await this.outbox.append(manager, event);
      this.audit.deskStep(manager, idempotency.unitId, {
        action: 'watchlist_entry.revoked',
        recordType: 'watchlist_entry',
        recordId: id,
        subjectRefs: [entry.nikIndex, entry.passportIndex],
      });
      return { id, version, eventId: event.id };
    });
  }
}
