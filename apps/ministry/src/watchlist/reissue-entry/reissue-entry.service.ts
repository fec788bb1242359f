import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_SOURCE, MINISTRY_WATCHLIST_ENTRY_ISSUED_V1 } from '@simpul/contracts';
import { IdempotentWriteService, type IdempotencyContext, buildOrReject, eventBody } from '@simpul/http';
import { isUuid } from '../../common/uuid.js';
import { nextVersion } from '../watchlist.rules.js';
import { entryNotFound, lockEntry } from '../lock-entry.js';
import { entryData } from '../watchlist-entry.view.js';
import { personWarnings, type EntryWarning } from '../entry-warnings.js';
import { PersonVault } from '../../identities/person-vault.js';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';

/** Fields a re-issue cannot change: the entry's identity, its version (always +1) and its origin. */
export const FIXED_ENTRY_FIELDS = ['entryId', 'version', 'origin'];

/**
 * Re-issues an entry with the body's changes over its current data (e.g. a cegah extended with an
 * extensionDecisionNumber and a later validUntil) and version + 1, so every replica replaces the
 * old version; a revoked entry re-issued is active again. Validated by the contract, like an issue.
 */
@Injectable()
export class ReissueEntryService {
  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  async reissue(
    id: string,
    body: unknown,
    idempotency: IdempotencyContext,
  ): Promise<{ id: string; version: number; eventId: string; warnings?: EntryWarning[] }> {
    const changes = eventBody(body, MINISTRY_WATCHLIST_ENTRY_ISSUED_V1);
    if (!isUuid(id)) throw entryNotFound();
    const fixed = FIXED_ENTRY_FIELDS.filter((f) => f in changes).map((f) => ({
      path: f,
      rule: 'unknownProperty',
      message: `${f}: is set by the ministry, not by the request [unknownProperty]`,
    }));
    const write = { ...idempotency, operation: `POST /v1/watchlist/${id}/reissue`, body, statusCode: 200 };
    return this.writes.run(write, async (manager) => {
      const entry = await lockEntry(manager, id);
      const version = nextVersion(entry.version);
      // The stored identifiers decrypted: the re-issued event carries the person in full, as issued.
      const current = entryData(entry, this.vault.openEntryPerson(entry, id));
      const event = buildOrReject(
        () =>
          buildEvent(
            MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
            { ...current, ...(changes as object), entryId: id, version } as never,
            { source: MINISTRY_SOURCE, ...(entry.caseId ? { correlationId: entry.caseId } : {}) },
          ),
        fixed,
      );
      const data = event.data;
      // Stored sealed again (a re-issue may change the person): no identifier in clear at rest.
      const sealed = this.vault.sealEntryPerson(data.person, id);
      await manager.query(
        `UPDATE ministry_watchlist_entry SET version = $2, legal_type = $3, action = $4, person = $5, reason = $6,
           issued_by = $7, decision_number = $8, extension_decision_number = $9, valid_from = $10, valid_until = $11,
           valid_until_at = $12, case_id = $13, status = 'active', revoked_at = NULL, last_event_id = $14,
           nik_encrypted = $15, passport_encrypted = $16, nik_index = $17, passport_index = $18,
           phone_encrypted = $19, phone_indexes = $20
         WHERE id = $1`,
        [
          id,
          version,
          data.legalType,
          data.action,
          JSON.stringify(sealed.person),
          data.reason,
          data.issuedBy,
          data.decisionNumber ?? null,
          data.extensionDecisionNumber ?? null,
          data.validFrom,
          data.validUntil,
          new Date(data.validUntil),
          data.caseId ?? null,
          event.id,
          sealed.nikEncrypted,
          sealed.passportEncrypted,
          sealed.nikIndex,
          sealed.passportIndex,
          sealed.phoneEncrypted,
          sealed.phoneIndexes,
        ],
      );
      await this.outbox.append(manager, event);
      this.audit.deskStep(manager, idempotency.unitId, {
        action: 'watchlist_entry.reissued',
        recordType: 'watchlist_entry',
        recordId: id,
        persons: [data.person],
      });
      // the same warning as on issue (ADR 0013): a re-issue that adds what identifies the person clears it
      const warnings = personWarnings(data.person);
      return { id, version, eventId: event.id, ...(warnings.length > 0 ? { warnings } : {}) };
    });
  }
}
