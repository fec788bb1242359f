import { Inject, Injectable, type Type } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import {
  MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
  MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
  type SimpulEvent,
} from '@simpul/contracts';
import { WatchlistReplicaService } from '../watchlist-replica.service.js';

/**
 * The handler class for one deployment's durable (`immigration-<site>-watchlist`): the durable
 * name comes from config, so the decorated class is made per module instance.
 */
export function updateReplicaWhenWatchlistEntryChanged(durable: string): Type<unknown> {
  @Injectable()
  class UpdateReplicaWhenWatchlistEntryChanged {
    constructor(@Inject(WatchlistReplicaService) private readonly replica: WatchlistReplicaService) {}

    @OnBusEvent([MINISTRY_WATCHLIST_ENTRY_ISSUED_V1, MINISTRY_WATCHLIST_ENTRY_REVOKED_V1], {
      consumer: durable,
    })
    async handle(
      event:
        | SimpulEvent<'ministry.watchlist.entry.issued.v1'>
        | SimpulEvent<'ministry.watchlist.entry.revoked.v1'>,
      context: EventContext,
    ): Promise<void> {
      await this.replica.apply(event, context);
    }
  }
  return UpdateReplicaWhenWatchlistEntryChanged;
}
