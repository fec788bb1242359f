import type { DataSource, QueryRunner } from 'typeorm';
import { afterCommit, installCommitHooks } from '../transaction/commit-hooks.js';

/**
 * Wakes the relay the moment a transaction that appended to the outbox commits, in this process,
 * instead of waiting for its next poll (on the shared commit hooks: after the outermost commit,
 * never on rollback).
 */
const listeners = new WeakMap<DataSource, Set<() => void>>();
/** One wake-up per transaction, however many appends it made. */
const WAKE_RELAYS = Symbol('wake the outbox relays');

/** Records that `queryRunner`'s transaction wrote to the outbox. */
export function markOutboxWrite(queryRunner: QueryRunner): void {
  const dataSource = queryRunner.dataSource;
  afterCommit(
    queryRunner,
    () => {
      for (const listener of listeners.get(dataSource) ?? []) listener();
    },
    WAKE_RELAYS,
  );
}

/** Calls `listener` after each commit that appended to the outbox. Returns an unsubscribe function. */
export function onOutboxCommit(dataSource: DataSource, listener: () => void): () => void {
  // Installed when the relay starts, before any transaction: the hooks then count depths exactly.
  installCommitHooks(dataSource);
  let set = listeners.get(dataSource);
  if (!set) listeners.set(dataSource, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}
