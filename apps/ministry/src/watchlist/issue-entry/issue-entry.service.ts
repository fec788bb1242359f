import { Inject, Injectable } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import { buildEvent, MINISTRY_SOURCE, MINISTRY_WATCHLIST_ENTRY_ISSUED_V1, uuidv7 } from '@simpul/contracts';
import { IdempotentWriteService, type IdempotencyContext, buildOrReject, eventBody } from '@simpul/http';
import { PersonVault } from '../../identities/person-vault.js';
import { insertIssuedEntry } from '../store-issued-entry.js';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';
import { personWarnings, type EntryWarning } from '../entry-warnings.js';

/** 201 body; `warnings` only when the desk should add what identifies the person (ADR 0013). */
export interface IssuedEntryAnswer {
  id: string;
  version: number;
  eventId: string;
  warnings?: EntryWarning[];
}

/** Fields the service sets; the desk sends everything else of ministry.watchlist.entry.issued.v1's data. */
export const GENERATED_ENTRY_FIELDS = ['entryId', 'version', 'origin'];

/** A desk decision (e.g. a cegah with its decision number on a police request): validated by the contract rules. */
@Injectable()
export class IssueEntryService {
  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  /** 201 `{ id, version, eventId, warnings? }`; a repeat under the same `Idempotency-Key` returns the first result. */
  issue(body: unknown, idempotency: IdempotencyContext): Promise<IssuedEntryAnswer> {
    const write = { ...idempotency, operation: 'POST /v1/watchlist', body, statusCode: 201 };
    return this.writes.run(write, async (manager) => {
      const fields = eventBody(body, MINISTRY_WATCHLIST_ENTRY_ISSUED_V1);
      const extra = GENERATED_ENTRY_FIELDS.filter((f) => f in fields).map((f) => ({
        path: f,
        rule: 'unknownProperty',
        message: `${f}: is set by the ministry, not by the request [unknownProperty]`,
      }));
      const entryId = uuidv7();
      const event = buildOrReject(
        () =>
          buildEvent(
            MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
            { ...(fields as object), entryId, version: 1 } as never,
            { source: MINISTRY_SOURCE },
          ),
        extra,
      );
      await insertIssuedEntry(manager, this.vault, event);
      await this.outbox.append(manager, event);
      this.audit.deskStep(manager, idempotency.unitId, {
        action: 'watchlist_entry.issued',
        recordType: 'watchlist_entry',
        recordId: entryId,
        persons: [event.data.person],
      });
      const warnings = personWarnings(event.data.person);
      return { id: entryId, version: 1, eventId: event.id, ...(warnings.length > 0 ? { warnings } : {}) };
    });
  }
}
