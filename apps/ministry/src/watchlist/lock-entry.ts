import type { EntityManager } from 'typeorm';
import { isUuid } from '../common/uuid.js';
import { WatchlistEntryEntity } from './watchlist-entry.entity.js';
import { WatchlistEntryNotFound } from './watchlist.errors.js';

/** The error for an entry id that is not a UUID or not stored. */
export function entryNotFound(): WatchlistEntryNotFound {
  return new WatchlistEntryNotFound();
}

/**
 * Loads an entry with a row lock for the rest of the transaction, so two desk changes to the same
 * entry (revoke, re-issue) take versions one after the other, never the same one twice.
 */
export async function lockEntry(manager: EntityManager, id: string): Promise<WatchlistEntryEntity> {
  if (!isUuid(id)) throw entryNotFound();
  const entry = await manager
    .getRepository(WatchlistEntryEntity)
    .createQueryBuilder('e')
    .setLock('pessimistic_write')
    .where('e.id = :id', { id })
    .getOne();
  if (!entry) throw entryNotFound();
  return entry;
}
