import { Module, type DynamicModule } from '@nestjs/common';
import { updateReplicaWhenWatchlistEntryChanged } from './reactions/update-replica-when-watchlist-entry-changed.handler.js';
import { WatchlistStatusHttpController } from './watchlist-status/watchlist-status.http.controller.js';
import {
  WATCHLIST_MATCHER,
  WatchlistReplicaService,
  createWatchlistMatcher,
} from './watchlist-replica.service.js';
import { WATCHLIST_DURABLE } from './watchlist.tokens.js';

/** Bounded context: the checkpoint's replica of the ministry's watchlist and its in-memory index. */
@Module({})
export class WatchlistModule {
  static forSite(site: string): DynamicModule {
    const durable = `immigration-${site}-watchlist`;
    return {
      module: WatchlistModule,
      global: true,
      controllers: [WatchlistStatusHttpController],
      providers: [
        { provide: WATCHLIST_DURABLE, useValue: durable },
        { provide: WATCHLIST_MATCHER, useFactory: createWatchlistMatcher },
        WatchlistReplicaService,
        updateReplicaWhenWatchlistEntryChanged(durable),
      ],
      exports: [WatchlistReplicaService],
    };
  }
}
