import { Inject, Injectable, type Type } from '@nestjs/common';
import { OnBusEvents, type BatchContext } from '@simpul/bus';
import {
  MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
  MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
  type SimpulEvent,
} from '@simpul/contracts';
import { auditEventSteps } from '../../audit/audit-step.js';
import { WatchlistReplicaService } from '../watchlist-replica.service.js';

/**
 * The handler class for one deployment's durable (`immigration-<site>-watchlist`): the durable
 * name comes from config, so the decorated class is made per module instance.
 */
export function updateReplicaWhenWatchlistEntryChanged(durable: string): Type<unknown> {
  @Injectable()
  class UpdateReplicaWhenWatchlistEntryChanged {
    constructor(@Inject(WatchlistReplicaService) private readonly replica: WatchlistReplicaService) {}

    // A batch handler: the runner calls it once per event type of a delivered batch (issues, then
    // revokes, or the other way round, in the same transaction), and one event at a time when a
    // batch fails. Any split or order leaves each entry at its highest rank (only whether a winning
    // revoke still carries the person of an issue it beat depends on which was applied first).
    @OnBusEvents([MINISTRY_WATCHLIST_ENTRY_ISSUED_V1, MINISTRY_WATCHLIST_ENTRY_REVOKED_V1], {
      consumer: durable,
    })
    async handle(
      events: Array<
        SimpulEvent<'ministry.watchlist.entry.issued.v1'> | SimpulEvent<'ministry.watchlist.entry.revoked.v1'>
      >,
      context: BatchContext,
    ): Promise<void> {
      await this.replica.applyBatch(events, context);
      // One audit row per event, whether or not it won over a newer version already held.
      auditEventSteps(
        context.manager,
        events.map((event) => ({
          event,
          step: {
            action:
              event.type === MINISTRY_WATCHLIST_ENTRY_REVOKED_V1
                ? 'replica_entry.revoked'
                : 'replica_entry.updated',
            recordType: 'watchlist_entry',
            recordId: event.data.entryId,
          },
        })),
      );
    }
  }
  return UpdateReplicaWhenWatchlistEntryChanged;
}
