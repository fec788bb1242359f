import type { DataSource, EntityManager } from 'typeorm';
import type { Admitted } from './admit.js';

/**
 * Counts a consumer's attempts at an event in its own database (`bus_attempt`), not by the
 * server's delivery count. The server counts every delivery, also those that never reached a
 * handler: messages sent to an instance that was killed (its pull requests outlive it on the
 * server, each one a delivery), or released unprocessed on shutdown. After a kill -9 the next
 * instance saw 16 to 56 deliveries on messages no handler had run, and dead-lettered them as
 * exhausted without applying them. Here an attempt is counted when an instance begins applying.
 *
 * A first delivery is attempt 1 and writes nothing (the common case costs nothing); each
 * redelivery that reaches the apply stage adds one before its handlers run, so a handler that
 * kills the process every time still runs out of attempts and is dead-lettered. The row goes in
 * the transaction that applies the event; rows of dead-lettered events go with the inbox prune.
 */
export class AttemptCounter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly durable: string,
  ) {}

  /**
   * Counts one more attempt for each item and sets its `attempt` (1 for a first delivery). Its own
   * short transaction: the count must survive the apply transaction rolling back or the process
   * dying in it.
   */
  async begin(items: Admitted[]): Promise<void> {
    const redelivered = items.filter((p) => p.msg.info.deliveryCount > 1);
    if (redelivered.length === 0) return;
    // Distinct ids: one statement cannot update the same row twice (one event twice in a batch).
    const ids = [...new Set(redelivered.map((p) => p.event.id.toLowerCase()))];
    const rows: Array<{ event_id: string; attempts: number }> = await this.dataSource.query(
      `INSERT INTO bus_attempt (consumer, event_id, attempts)
       SELECT $1, u.event_id, 2 FROM unnest($2::uuid[]) AS u(event_id)
       ON CONFLICT (consumer, event_id)
         DO UPDATE SET attempts = bus_attempt.attempts + 1, updated_at = now()
       RETURNING event_id, attempts`,
      [this.durable, ids],
    );
    const byId = new Map(rows.map((r) => [r.event_id.toLowerCase(), Number(r.attempts)]));
    for (const p of redelivered) p.attempt = byId.get(p.event.id.toLowerCase()) ?? 1;
  }

  /** Deletes the counts of events applied in `manager`'s transaction (only redeliveries have one). */
  async forgetApplied(manager: EntityManager, items: Admitted[]): Promise<void> {
    const ids = items.filter((p) => p.msg.info.deliveryCount > 1).map((p) => p.event.id);
    if (ids.length === 0) return;
    await manager.query(`DELETE FROM bus_attempt WHERE consumer = $1 AND event_id = ANY($2::uuid[])`, [
      this.durable,
      ids,
    ]);
  }
}
