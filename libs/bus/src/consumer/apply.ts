import type { DataSource, EntityManager } from 'typeorm';
import { BusError, BusErrorCode } from '../errors.js';
import type { BusLogger } from '../logger.js';
import { currentTrace } from '../tracing/traceparent.js';
import type { Admitted } from './admit.js';
import type { AttemptCounter } from './attempts.js';
import { boundedTransaction } from './bounded-transaction.js';
import type { HandlerRegistration } from './handler.js';

export interface ApplyStats {
  /** Events whose handlers ran in a transaction that committed (counted after the commit). */
  applied: number;
  /** Deliveries skipped as applied before (the inbox had them), counted after the commit. */
  duplicates: number;
  /** Transactions cancelled for running past the handler time limit. */
  handlerTimeouts: number;
}

export interface ApplyOptions {
  durable: string;
  dataSource: DataSource;
  /** Longest time of one transaction (inbox rows, handlers, commit), in milliseconds. */
  handlerTimeoutMs: number;
  logger: BusLogger;
  stats: ApplyStats;
  /** Its counts of the events applied go in the same transaction. */
  attempts?: AttemptCounter;
}

/** What the apply stage reports per message; the settle stage acts on it. */
export interface ApplyResults {
  /** Committed (or found applied before): ack. */
  applied(item: Admitted): void;
  /** Its transaction failed with `error`: retry or dead-letter. */
  failed(item: Admitted, error: unknown): Promise<void>;
}

/**
 * The apply stage: in ONE transaction insert the inbox rows `(consumer, event id)` (a conflict
 * means applied before: skip its handlers) and run the handlers with that transaction's manager;
 * commit. Messages that arrive together share one transaction when all their handlers allow it;
 * if that transaction fails, each is applied alone so one bad message cannot hold back the others.
 * Every transaction is bounded in time (see boundedTransaction).
 */
export class Applier {
  constructor(private readonly options: ApplyOptions) {}

  /** Applies `items` and reports each one's outcome to `results`. */
  async applyAll(items: Admitted[], results: ApplyResults): Promise<void> {
    const together = items.filter((p) => p.handlers.every((h) => h.batchable));
    const alone = items.filter((p) => !together.includes(p));
    if (together.length > 1) {
      try {
        await this.apply(together);
        together.forEach((p) => results.applied(p));
      } catch {
        // One of them failed: apply each alone so the others still commit.
        for (const p of together) await this.applyAlone(p, results);
      }
    } else {
      for (const p of together) await this.applyAlone(p, results);
    }
    for (const p of alone) await this.applyAlone(p, results);
  }

  /** Whether the inbox holds the event for this consumer (it was applied and committed). */
  async alreadyApplied(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.options.dataSource.query(
      `SELECT 1 FROM bus_inbox WHERE consumer = $1 AND event_id = $2`,
      [this.options.durable, eventId],
    );
    return rows.length > 0;
  }

  private async applyAlone(p: Admitted, results: ApplyResults): Promise<void> {
    try {
      await this.apply([p]);
    } catch (error) {
      await results.failed(p, error);
      return;
    }
    results.applied(p);
  }

  /** One bounded transaction: inbox rows, then the handlers of the events not applied before; commit. */
  private async apply(items: Admitted[]): Promise<void> {
    const { dataSource, handlerTimeoutMs, stats } = this.options;
    try {
      const counts = await boundedTransaction(dataSource, { timeoutMs: handlerTimeoutMs }, (manager) =>
        this.applyIn(manager, items),
      );
      // Counted once committed: a transaction that fails (at commit too) and is retried, or a batch
      // applied again one by one, would count twice, and a reader of the counter could see events
      // applied whose effects are not visible yet.
      stats.applied += counts.applied;
      stats.duplicates += counts.duplicates;
    } catch (error) {
      if (error instanceof BusError && error.code === BusErrorCode.HANDLER_TIMEOUT) {
        this.options.stats.handlerTimeouts++;
        this.options.logger.warn(
          `consumer ${this.options.durable}: transaction of ${items.map((p) => p.event.id).join(', ')} abandoned after ${handlerTimeoutMs} ms`,
        );
      }
      throw error;
    }
  }

  /** Inbox rows, then the handlers of the events not applied before (inside the transaction). */
  private async applyIn(
    manager: EntityManager,
    items: Admitted[],
  ): Promise<{ applied: number; duplicates: number }> {
    const inserted: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO bus_inbox (consumer, event_id, event_type)
       SELECT $1, u.event_id, u.event_type FROM unnest($2::uuid[], $3::text[]) AS u(event_id, event_type)
       ON CONFLICT DO NOTHING
       RETURNING event_id`,
      [this.options.durable, items.map((p) => p.event.id), items.map((p) => p.event.type)],
    );
    const fresh = new Set(inserted.map((r) => r.event_id.toLowerCase()));
    const toApply: Admitted[] = [];
    // Delete as we go: the same event twice in one batch is applied once.
    for (const p of items) if (fresh.delete(p.event.id.toLowerCase())) toApply.push(p);
    await this.runHandlers(toApply, manager);
    await this.options.attempts?.forgetApplied(manager, items);
    return { applied: toApply.length, duplicates: items.length - toApply.length };
  }

  private async runHandlers(items: Admitted[], manager: EntityManager): Promise<void> {
    const working = (): void => items.forEach((p) => p.msg.working());
    const batches = new Map<HandlerRegistration, Admitted[]>();
    for (const p of items) {
      for (const h of p.handlers) {
        if (h.kind === 'batch') {
          const list = batches.get(h) ?? [];
          list.push(p);
          batches.set(h, list);
          continue;
        }
        const context = { ...p.delivery, manager, working: () => p.msg.working() };
        await currentTrace.run(p.delivery.traceparent ?? '', () => h.fn(p.event, context));
      }
    }
    for (const [h, list] of batches) {
      if (h.kind !== 'batch') continue;
      await h.fn(
        list.map((p) => p.event),
        { manager, consumer: this.options.durable, deliveries: list.map((p) => p.delivery), working },
      );
    }
  }
}
