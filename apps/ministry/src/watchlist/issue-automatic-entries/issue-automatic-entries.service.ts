import { Inject, Injectable, Logger } from '@nestjs/common';
import { OutboxService } from '@simpul/bus';
import {
  buildEvent,
  EventValidationError,
  MINISTRY_SOURCE,
  MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
  type AnyEvent,
} from '@simpul/contracts';
import type { EntityManager } from 'typeorm';
import { deterministicUuid } from '../../common/ids.js';
import { PersonVault } from '../../identities/person-vault.js';
import { insertIssuedEntries } from '../store-issued-entry.js';
import type { EntryDecision } from '../watchlist.rules.js';

/** Who automatic entries name as issuer. */
export const AUTOMATIC_ISSUER = 'KP2MI (automatic, from a police report)';

/** Issues the entries a police event calls for (watchlist.rules.ts), in the handler's transaction. */
@Injectable()
export class IssueAutomaticEntriesService {
  private readonly logger = new Logger('watchlist');

  constructor(
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(PersonVault) private readonly vault: PersonVault,
  ) {}

  /**
   * Entry ids derive from (reporting unit, suspectId/candidateId): a duplicated event, even re-sent
   * under a new event id, issues nothing twice. Returns the ids issued now.
   */
  async issue(
    manager: EntityManager,
    decisions: EntryDecision[],
    caseId: string,
    cause: AnyEvent,
  ): Promise<string[]> {
    const events = decisions.flatMap((decision) => {
      const entryId = deterministicUuid(
        'watchlist-entry',
        decision.origin.unit,
        decision.origin.personId ?? decision.origin.eventId,
      );
      try {
        return [
          buildEvent(
            MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
            { entryId, version: 1, ...decision, issuedBy: AUTOMATIC_ISSUER, caseId },
            { source: MINISTRY_SOURCE, correlationId: caseId, causationId: cause.id },
          ),
        ];
      } catch (error) {
        if (!(error instanceof EventValidationError)) throw error;
        // A derived entry the contract cannot express (an arrest at the very last instant the
        // contract allows leaves no validity window): throwing would roll the batch back on every
        // redelivery until the event is dead-lettered. Skip it, say so by ids and rules only.
        const rules = [...new Set(error.issues.map((i) => i.rule))].join(',');
        this.logger.warn(
          `entry ${entryId} from event ${cause.id} not issued: the contract refuses it (${rules})`,
        );
        return [];
      }
    });
    // One INSERT … ON CONFLICT DO NOTHING for all entries, one outbox statement for what it inserted.
    const inserted = await insertIssuedEntries(manager, this.vault, events);
    if (inserted.length > 0) await this.outbox.appendMany(manager, inserted);
    return inserted.map((e) => e.data.entryId);
  }
}
