import pg from 'pg';
import type { ChaosStack } from './chaos-stack.js';
import type { Workload } from './workload.js';

/** One fault injected, and how long the system took to recover from it. */
export interface FaultResult {
  kind: string;
  /** Ids and names only: which node, service, site. */
  target: string;
  /** Milliseconds from the fault (or its end) until the recovery criterion held; null if never within the bound. */
  recoveryMs: number | null;
  /** What `recoveryMs` measures. */
  recovery: string;
  notes?: string;
}

export interface FaultContext {
  chaos: ChaosStack;
  workload: Workload;
  log: (line: string) => void;
  /** The faults of this run so far. */
  history: FaultResult[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every 100 ms until it is true; the elapsed milliseconds, or null after `timeoutMs`. */
export async function timeUntil(probe: () => Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    try {
      if (await probe()) return Date.now() - started;
    } catch {
      // not there yet
    }
    await sleep(100);
  }
  return null;
}

async function query(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<Array<Record<string, unknown>>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The hub node leading `stream` (STREAM.INFO cluster.leader, as the admin). */
export async function streamLeader(chaos: ChaosStack, stream: string): Promise<string | undefined> {
  const jsm = await chaos.hubJsm();
  return (await jsm.streams.info(stream)).cluster?.leader || undefined;
}

/**
 * Whether every replicated hub stream has its full set of replicas again, each current with its
 * leader. The next fault waits for this: the suite tests one failure at a time. (Killing a second
 * node while the first is still catching up is two overlapping failures: 2.9.10, which acknowledges
 * before its writes leave the process, then may elect the node that lost its tail and reuse
 * sequences; the reconciler cannot repair a consumer that already acknowledged past them.)
 */
export async function hubReplicasCurrent(chaos: ChaosStack): Promise<boolean> {
  const jsm = await chaos.hubJsm();
  for await (const info of jsm.streams.list()) {
    if (info.config.num_replicas < 2) continue;
    const fresh = await jsm.streams.info(info.config.name);
    const replicas = fresh.cluster?.replicas ?? [];
    if (!fresh.cluster?.leader || replicas.length !== fresh.config.num_replicas - 1) return false;
    if (!replicas.every((r) => r.current && !r.offline && (r.lag ?? 0) === 0)) return false;
  }
  return true;
}

/** kill -9 of a hub node, then its restart: `role` says which one (the stream's leader, the meta leader, or a named node). */
export async function killHubNode(
  ctx: FaultContext,
  role: { streamLeaderOf: string } | { metaLeader: true } | { node: string },
): Promise<FaultResult[]> {
  const { chaos, log } = ctx;
  const hub = chaos.stack.hub;
  let name: string | undefined;
  let kind: string;
  if ('streamLeaderOf' in role) {
    name = await streamLeader(chaos, role.streamLeaderOf);
    kind = `kill -9 ${role.streamLeaderOf} stream leader`;
  } else if ('metaLeader' in role) {
    name = await hub.find((n) => n.isRunning())!.metaLeader();
    kind = 'kill -9 meta leader';
  } else {
    name = role.node;
    kind = 'kill -9 hub node';
  }
  const node = hub.find((n) => n.name === name);
  if (!node) throw new Error(`${kind}: no such hub node (${String(name)})`);
  log(`fault: ${kind} (${node.name})`);
  await node.kill('SIGKILL');
  const others = hub.filter((n) => n !== node);
  let recoveryMs: number | null;
  let recovery: string;
  if ('streamLeaderOf' in role) {
    recovery = `new ${role.streamLeaderOf} stream leader elected`;
    recoveryMs = await timeUntil(async () => {
      const leader = await streamLeader(chaos, role.streamLeaderOf);
      return leader !== undefined && leader !== node.name;
    }, 60_000);
  } else {
    recovery = 'new meta leader elected';
    recoveryMs = await timeUntil(async () => {
      const leaders = await Promise.all(others.map((n) => n.metaLeader()));
      return leaders[0] !== undefined && leaders[0] !== node.name && leaders.every((l) => l === leaders[0]);
    }, 60_000);
  }
  const restarted = Date.now();
  await chaos.stack.restartHubNode(node.name);
  const rejoinMs = Date.now() - restarted;
  const caughtUpMs = await timeUntil(() => hubReplicasCurrent(chaos), 120_000);
  return [
    { kind, target: node.name, recoveryMs, recovery },
    {
      kind: 'hub node restart',
      target: node.name,
      recoveryMs: rejoinMs,
      recovery: 'node back and the cluster agreeing on a meta leader, every node JetStream-healthy',
    },
    {
      kind: 'hub replicas caught up',
      target: node.name,
      recoveryMs: caughtUpMs === null ? null : rejoinMs + caughtUpMs,
      recovery: 'from the restart until every replicated stream has all its replicas current',
    },
  ];
}

/** SIGSTOP of a hub node for `pauseMs` (longer than the heartbeat), then SIGCONT. */
export async function pauseHubNode(ctx: FaultContext, name: string, pauseMs: number): Promise<FaultResult> {
  const node = ctx.chaos.stack.hub.find((n) => n.name === name)!;
  ctx.log(`fault: SIGSTOP ${name} for ${pauseMs} ms`);
  node.pause();
  await sleep(pauseMs);
  node.resume();
  const hub = ctx.chaos.stack.hub;
  const recoveryMs = await timeUntil(async () => {
    const leaders = await Promise.all(hub.map((n) => n.metaLeader()));
    const healthy = await Promise.all(hub.map((n) => n.jetStreamHealthy()));
    return (
      leaders[0] !== undefined &&
      leaders.every((l) => l === leaders[0]) &&
      healthy.every(Boolean) &&
      (await hubReplicasCurrent(ctx.chaos))
    );
  }, 60_000);
  return {
    kind: `SIGSTOP hub node ${pauseMs / 1000} s`,
    target: name,
    recoveryMs,
    recovery: 'after SIGCONT: every node JetStream-healthy, agreeing on a meta leader, every replica current',
  };
}

/** kill -9 of a service instance, and its restart with the same environment. */
export async function killService(ctx: FaultContext, name: string): Promise<FaultResult> {
  const service = ctx.chaos.stack.services.get(name)!;
  ctx.log(`fault: kill -9 ${name}`);
  const started = Date.now();
  await service.restart({ signal: 'SIGKILL' });
  return {
    kind: 'kill -9 service',
    target: name,
    recoveryMs: Date.now() - started,
    recovery: 'restarted and /health 200 (database and NATS)',
  };
}

/** A fast shutdown of the private PostgreSQL, `downMs` without it, and its restart. */
export async function restartPostgres(ctx: FaultContext, downMs: number): Promise<FaultResult> {
  ctx.log(`fault: PostgreSQL down for ${downMs} ms`);
  const started = Date.now();
  await ctx.chaos.restartPostgres(downMs);
  return {
    kind: 'PostgreSQL restart',
    target: 'postgres',
    recoveryMs: Date.now() - started - downMs,
    recovery: 'from its restart until every service answers /health 200',
  };
}

/**
 * A producer killed between its commit and its publish: a burst of police reports, and police
 * killed (SIGKILL) the moment the first 201 arrives, then restarted. The burst's other requests
 * retry with their keys until police is back.
 */
export async function killProducerAfterCommit(ctx: FaultContext, burst: number): Promise<FaultResult> {
  const { chaos, workload, log } = ctx;
  const police = chaos.stack.services.get('police')!;
  let killedAt = 0;
  workload.onCommitted = (producer) => {
    if (producer !== 'police' || killedAt) return;
    killedAt = Date.now();
    try {
      process.kill(police.process.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  log(`fault: a burst of ${burst} police reports, police killed right after the first 201`);
  const requests = Array.from({ length: burst }, (_, i) =>
    i % 2 ? workload.arrest() : workload.interception(),
  );
  await timeUntil(async () => killedAt > 0, 60_000);
  workload.onCommitted = undefined;
  const left = killedAt
    ? Number((await query(chaos.databaseUrls.police!, `SELECT count(*)::int AS n FROM bus_outbox`))[0]!.n)
    : 0;
  await police.restart({ signal: 'SIGKILL' });
  await Promise.all(requests);
  const recoveryMs = await timeUntil(
    async () =>
      Number((await query(chaos.databaseUrls.police!, `SELECT count(*)::int AS n FROM bus_outbox`))[0]!.n) ===
      0,
    120_000,
  );
  return {
    kind: 'producer killed between commit and publish',
    target: 'police',
    recoveryMs: recoveryMs === null || !killedAt ? null : Date.now() - killedAt,
    recovery: 'from the kill until the outbox is empty again (restart included)',
    notes: `${left} committed event(s) were still in the outbox at the kill`,
  };
}

/**
 * Messages deleted from POLICE behind the producer's back: the ministry is frozen (SIGSTOP) and
 * left long enough for its pull requests to expire, so it holds none of them; `count` police
 * reports are recorded and published; the admin deletes their messages from the stream; the
 * ministry is thawed. Returns the deleted event ids and a probe: have they been applied?
 */
export async function deleteBehindProducer(
  ctx: FaultContext,
  count: number,
): Promise<{ eventIds: string[]; applied: () => Promise<number>; resumedAt: number }> {
  const { chaos, workload, log } = ctx;
  const ministry = chaos.stack.services.get('ministry')!;
  const urls = chaos.databaseUrls;
  log(`fault: ministry frozen; ${count} police reports deleted from POLICE behind the producer's back`);
  process.kill(ministry.process.pid, 'SIGSTOP');
  let resumedAt = 0;
  try {
    // Pull requests expire after 10 s: after that the server hands the frozen consumer nothing.
    await sleep(11_000);
    const before = workload.record.events.length;
    await Promise.all(
      Array.from({ length: count }, (_, i) => (i % 2 ? workload.arrest() : workload.interception())),
    );
    const eventIds = workload.record.events
      .slice(before)
      .filter((e) => e.producer === 'police')
      .map((e) => e.eventId);
    const rows = await (async () => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const found = await query(
          urls.police!,
          `SELECT event_id::text AS id, stream, stream_seq::text AS seq FROM bus_ledger WHERE event_id = ANY($1::uuid[])`,
          [eventIds],
        );
        if (found.length === eventIds.length || Date.now() > deadline) return found;
        await sleep(100);
      }
    })();
    const jsm = await chaos.hubJsm();
    for (const row of rows) await jsm.streams.deleteMessage(String(row.stream), Number(row.seq));
    log(`deleted ${rows.length} message(s) from POLICE`);
    process.kill(ministry.process.pid, 'SIGCONT');
    resumedAt = Date.now();
    return {
      eventIds: rows.map((r) => String(r.id)),
      resumedAt,
      applied: async () =>
        Number(
          (
            await query(
              urls.ministry!,
              `SELECT count(*)::int AS n FROM bus_inbox WHERE consumer = 'ministry-police' AND event_id = ANY($1::uuid[])`,
              [rows.map((r) => String(r.id))],
            )
          )[0]!.n,
        ),
    };
  } finally {
    if (!resumedAt) process.kill(ministry.process.pid, 'SIGCONT');
  }
}

/**
 * A site's link cut for `cutMs` (longer than the mirror's stall timeout) with screenings and
 * outcomes at the site's checkpoints and entries and reports on the hub meanwhile; then restored.
 * Measures the catch-up: the site's replica equal to the ministry's active entries again, and the
 * site's delays applied by the ministry (the hub's aggregate caught up).
 */
export async function cutSiteLink(
  ctx: FaultContext,
  site: string,
  siteCheckpoints: string[],
  cutMs: number,
  catchUpTimeoutMs = 180_000,
): Promise<FaultResult[]> {
  const { chaos, workload, log } = ctx;
  const urls = chaos.databaseUrls;
  log(`fault: link of site ${site} down for ${cutMs} ms`);
  await chaos.stack.setLink(site, 'down');
  const cutAt = Date.now();
  const during: Promise<void>[] = [];
  while (Date.now() - cutAt < cutMs) {
    const checkpoint = siteCheckpoints[during.length % siteCheckpoints.length]!;
    during.push(workload.screening(checkpoint, true), workload.screening(checkpoint, false));
    during.push(during.length % 3 === 0 ? workload.deskEntry() : workload.arrest());
    await sleep(Math.max(1000, cutMs / 6));
  }
  await Promise.all(during);
  const remaining = cutMs - (Date.now() - cutAt);
  if (remaining > 0) await sleep(remaining);
  await chaos.stack.setLink(site, 'up');
  const upAt = Date.now();
  const replicaCaughtUp = timeUntil(async () => {
    const active = await query(
      urls.ministry!,
      `SELECT count(*)::int AS n FROM ministry_watchlist_entry WHERE status = 'active' AND valid_until_at > now()`,
    );
    const replica = await query(
      urls[`immigration-${site}`]!,
      `SELECT count(*)::int AS n FROM watchlist_replica WHERE revoked_at IS NULL AND valid_until > now()`,
    );
    const pendingMinistry = await query(urls.ministry!, `SELECT count(*)::int AS n FROM bus_outbox`);
    return Number(pendingMinistry[0]!.n) === 0 && Number(active[0]!.n) === Number(replica[0]!.n);
  }, catchUpTimeoutMs);
  const hubCaughtUp = timeUntil(async () => {
    const delays = (
      await query(
        urls[`immigration-${site}`]!,
        `SELECT event_id::text AS id FROM bus_ledger WHERE event_type = 'immigration.departure.delayed.v1'
         UNION ALL SELECT event_id::text FROM bus_outbox WHERE event_type = 'immigration.departure.delayed.v1'`,
      )
    ).map((r) => String(r.id));
    const applied = await query(
      urls.ministry!,
      `SELECT count(*)::int AS n FROM bus_inbox WHERE consumer = 'ministry-immigration' AND event_id = ANY($1::uuid[])`,
      [delays],
    );
    return Number(applied[0]!.n) === delays.length;
  }, catchUpTimeoutMs);
  const [replicaMs, hubMs] = await Promise.all([replicaCaughtUp, hubCaughtUp]);
  return [
    {
      kind: `site link cut ${cutMs / 1000} s`,
      target: site,
      recoveryMs: replicaMs,
      recovery: "link back -> the site's replica equals the ministry's active entries",
      notes: `${during.length} requests at the site and on the hub during the cut; link up at +${upAt - cutAt} ms`,
    },
    {
      kind: 'site link cut: hub aggregate',
      target: site,
      recoveryMs: hubMs,
      recovery: "link back -> every delay of the site applied by the ministry (hub's IMMIGRATION caught up)",
    },
  ];
}
