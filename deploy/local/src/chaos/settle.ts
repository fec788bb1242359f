import type { JetStreamManager } from '@nats-io/jetstream';
import { HUB_IMMIGRATION_STREAM, siteStreamName } from '@simpul/trust';
import type { ChaosStack } from './chaos-stack.js';
import { checkDelivery, pendingOutboxes, type CheckReport } from './checker.js';
import type { CommittedEvent } from './workload.js';

/**
 * Work left in one JetStream domain, by stream or consumer: undelivered or unacknowledged messages
 * of the durables the services read (`durables`), and mirror and source lag. (The registry also
 * provisions durables no service of this run reads, e.g. per-checkpoint ones: they only grow.)
 */
async function backlog(jsm: JetStreamManager, durables: Set<string>): Promise<Record<string, number>> {
  const left: Record<string, number> = {};
  for await (const stream of jsm.streams.list()) {
    const name = stream.config.name;
    const lag = (stream.mirror?.lag ?? 0) + (stream.sources ?? []).reduce((sum, s) => sum + (s.lag ?? 0), 0);
    if (lag > 0) left[`stream ${name}`] = lag;
    for await (const consumer of jsm.consumers.list(name)) {
      if (!durables.has(consumer.name)) continue;
      const n = consumer.num_pending + consumer.num_ack_pending;
      if (n > 0) left[`consumer ${name}/${consumer.name}`] = n;
    }
  }
  return left;
}

/** The durables the run's services read: the ministry's, the police deployment's, each site's pair. */
export function readDurables(sites: string[]): Set<string> {
  return new Set([
    'ministry-police',
    'ministry-immigration',
    'police-gateway-matches',
    ...sites.flatMap((s) => [`immigration-${s}-watchlist`, `immigration-${s}-delays`]),
  ]);
}

/** Outbox rows and messages not yet applied, over every database and every domain, by where they wait. */
export async function workLeft(chaos: ChaosStack): Promise<Record<string, number>> {
  const durables = readDurables(chaos.sites.map((s) => s.id));
  const left: Record<string, number> = {};
  for (const [db, n] of Object.entries(await pendingOutboxes(chaos.databaseUrls)))
    if (n > 0) left[`outbox ${db}`] = n;
  Object.assign(left, await backlog(await chaos.hubJsm(), durables));
  let sourced = 0;
  for (const site of chaos.sites.filter((s) => s.leaf)) {
    const jsm = await chaos.siteJsm(site.id);
    for (const [where, n] of Object.entries(await backlog(jsm, durables)))
      left[`site-${site.id} ${where}`] = n;
    sourced += (await jsm.streams.info(siteStreamName(site.id))).state.messages;
  }
  // A source can stall with no lag reported: count what the aggregate lacks of its sources' messages.
  const hub = await chaos.hubJsm();
  sourced += (await hub.streams.info(HUB_IMMIGRATION_STREAM)).state.messages;
  const behind = sourced - (await hub.streams.info('IMMIGRATION')).state.messages;
  if (behind !== 0) left['stream IMMIGRATION behind its sources'] = behind;
  return left;
}

/**
 * The settle phase: waits until every outbox is empty and every consumer, mirror and source has
 * caught up, and the checker finds nothing lost, or its figures stop changing for `quietMs` (longer
 * than a reconciler's interval: it may still restore something), within `timeoutMs`; returns the
 * last check.
 */
export async function settleAndCheck(
  chaos: ChaosStack,
  events: CommittedEvent[],
  timeoutMs: number,
  quietMs: number,
): Promise<{ report: CheckReport; settled: boolean; settleMs: number }> {
  const started = Date.now();
  const sites = chaos.sites.map((s) => s.id);
  let last: CheckReport | undefined;
  let quietSince = 0;
  let lastLeft: Record<string, number> = {};
  while (Date.now() - started < timeoutMs) {
    lastLeft = await workLeft(chaos).catch((e: Error) => ({ [`unreadable: ${e.message}`]: 1 }));
    if (Object.keys(lastLeft).length === 0) {
      const report = await checkDelivery(chaos.databaseUrls, sites, events);
      if (report.lost === 0 && report.replicasEqual)
        return { report, settled: true, settleMs: Date.now() - started };
      const unchanged = last && last.lost === report.lost && last.produced === report.produced;
      if (!unchanged) quietSince = Date.now();
      last = report;
      if (Date.now() - quietSince >= quietMs)
        return { report, settled: true, settleMs: Date.now() - started };
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  const report = await checkDelivery(chaos.databaseUrls, sites, events);
  report.details.unshift(`not settled; work left: ${JSON.stringify(lastLeft)}`);
  return { report, settled: false, settleMs: Date.now() - started };
}
