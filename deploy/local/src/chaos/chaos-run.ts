import { startChaosStack, type ChaosStack } from './chaos-stack.js';
import type { CheckReport } from './checker.js';
import {
  cutSiteLink,
  deleteBehindProducer,
  killHubNode,
  killProducerAfterCommit,
  killService,
  pauseHubNode,
  restartPostgres,
  streamLeader,
  timeUntil,
  type FaultContext,
  type FaultResult,
} from './faults.js';
import { settleAndCheck } from './settle.js';
import { Workload, type WorkloadRecord } from './workload.js';

/** One step of a schedule: a fault run while the workload keeps going. */
export type FaultStep = (ctx: FaultContext) => Promise<FaultResult[]>;

export interface ChaosPlan {
  name: string;
  /** BUS_RECONCILE_INTERVAL_MS of every service in the main run. */
  reconcileIntervalMs: number;
  /**
   * POLICE's duplicate window, when shorter than the provisioned 2 minutes: the reconciler can
   * restore a deleted message only once its id has left the window (docs/contract.md §11).
   */
  policeDuplicateWindowMs?: number;
  /** Workload alone before the first fault, and between faults. */
  warmupMs: number;
  gapMs: number;
  steps: FaultStep[];
  /** Police reports deleted from POLICE behind the producer's back, in the main run and in the control. */
  deletions: number;
  /** Bound on the reconciler restoring the deleted messages. */
  restoreTimeoutMs: number;
  settleTimeoutMs: number;
}

export interface ChaosResult {
  plan: string;
  workload: WorkloadRecord;
  faults: FaultResult[];
  check: CheckReport;
  settled: boolean;
  settleMs: number;
  prevented: { expected: number; reported: number; equal: boolean };
  control: { check: CheckReport; deleted: number; detected: boolean };
  durationMs: number;
}

/** The steps a schedule is made of, by name. */
export const step = {
  killStreamLeader:
    (stream: string): FaultStep =>
    (ctx) =>
      killHubNode(ctx, { streamLeaderOf: stream }),
  killMetaLeader: (): FaultStep => (ctx) => killHubNode(ctx, { metaLeader: true }),
  /** kill -9 of a hub node not killed yet in this run (so each node is killed in turn). */
  killUnkilledHubNode: (): FaultStep => (ctx) => {
    const killed = ctx.history.filter((f) => f.kind.startsWith('kill -9') && f.target.startsWith('hub-'));
    const left = ctx.chaos.stack.hub.map((n) => n.name).filter((n) => !killed.some((f) => f.target === n));
    return killHubNode(ctx, { node: left[0] ?? ctx.chaos.stack.hub[0]!.name });
  },
  pauseStreamLeader:
    (stream: string, ms: number): FaultStep =>
    async (ctx) => [await pauseHubNode(ctx, (await streamLeader(ctx.chaos, stream))!, ms)],
  killService:
    (name: string): FaultStep =>
    async (ctx) => [await killService(ctx, name)],
  restartPostgres:
    (downMs: number): FaultStep =>
    async (ctx) => [await restartPostgres(ctx, downMs)],
  killProducer:
    (burst: number): FaultStep =>
    async (ctx) => [await killProducerAfterCommit(ctx, burst)],
  cutLink:
    (site: string, ms: number, catchUpTimeoutMs?: number): FaultStep =>
    (ctx) =>
      cutSiteLink(
        ctx,
        site,
        ctx.chaos.sites.find((s) => s.id === site)!.checkpoints.slice(0, 2),
        ms,
        catchUpTimeoutMs,
      ),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function shortenDuplicateWindow(chaos: ChaosStack, stream: string, ms: number): Promise<void> {
  const jsm = await chaos.hubJsm();
  const info = await jsm.streams.info(stream);
  await jsm.streams.update(stream, { ...info.config, duplicate_window: ms * 1_000_000 });
}

/**
 * Runs a fault schedule against a national stack of its own: the workload over HTTP all along,
 * the plan's faults one after another, messages deleted behind the police's back (restored by its
 * reconciler), a settle phase and the checker; then the negative control on the same stack: the
 * police restarted with its reconciler off (BUS_RECONCILE_INTERVAL_MS=0), more messages deleted,
 * and the checker must find them lost.
 */
export async function runChaos(plan: ChaosPlan, log: (line: string) => void): Promise<ChaosResult> {
  const started = Date.now();
  const chaos = await startChaosStack(log, { BUS_RECONCILE_INTERVAL_MS: String(plan.reconcileIntervalMs) });
  try {
    if (plan.policeDuplicateWindowMs)
      await shortenDuplicateWindow(chaos, 'POLICE', plan.policeDuplicateWindowMs);
    const { stack } = chaos;
    const siteOf: Record<string, string> = {};
    for (const site of chaos.sites) {
      for (const checkpoint of site.checkpoints.slice(0, site.leaf ? 2 : 1)) siteOf[checkpoint] = site.id;
    }
    const workload = new Workload(
      {
        police: stack.urls.police,
        ministry: stack.urls.ministry,
        immigration: stack.immigration,
        siteOf,
        tokensFile: stack.tokensFile,
      },
      String(Date.now() % 1_000_000),
    );
    const faults: FaultResult[] = [];
    const ctx: FaultContext = { chaos, workload, log, history: faults };
    let stopping = false;
    const background = workload.runUntil(() => stopping);
    await sleep(plan.warmupMs);

    // Deleted early: the reconciler's restore runs while the other faults go on.
    const deletion = await deleteBehindProducer(ctx, plan.deletions);
    const restore = timeUntil(
      async () => (await deletion.applied()) === deletion.eventIds.length,
      plan.restoreTimeoutMs,
    );
    for (const run of plan.steps) {
      await sleep(plan.gapMs);
      faults.push(...(await run(ctx)));
    }
    const restoredMs = await restore;
    faults.unshift({
      kind: 'messages deleted from POLICE behind the producer',
      target: 'police',
      recoveryMs: restoredMs === null ? null : restoredMs,
      recovery: 'from the consumer thawed until the reconciler had them applied',
      notes: `${deletion.eventIds.length} message(s) deleted; POLICE duplicate window ${plan.policeDuplicateWindowMs ? `${plan.policeDuplicateWindowMs / 1000} s` : '2 min (provisioned)'}`,
    });
    stopping = true;
    await background;
    log('workload stopped; settling');
    const settled = await settleAndCheck(
      chaos,
      workload.record.events,
      plan.settleTimeoutMs,
      plan.reconcileIntervalMs * 2,
    );
    const figure = await workload.preventedFigure();
    const expected = workload.record.candidatesPrevented + workload.record.delays;
    const mainEvents = [...workload.record.events];

    log('negative control: police reconciler off, messages deleted behind its back');
    await stack.services.get('police')!.restart({ env: { BUS_RECONCILE_INTERVAL_MS: '0' } });
    const control = await deleteBehindProducer(ctx, plan.deletions);
    const controlCheck = await settleAndCheck(
      chaos,
      workload.record.events,
      60_000,
      plan.reconcileIntervalMs * 2,
    );
    const lostIds = control.eventIds.filter((id) => controlCheck.report.details.some((d) => d.includes(id)));
    return {
      plan: plan.name,
      workload: { ...workload.record, events: mainEvents },
      faults,
      check: settled.report,
      settled: settled.settled,
      settleMs: settled.settleMs,
      prevented: { expected, reported: figure.prevented, equal: expected === figure.prevented },
      control: {
        check: controlCheck.report,
        deleted: control.eventIds.length,
        detected: controlCheck.report.lost > 0 && lostIds.length > 0,
      },
      durationMs: Date.now() - started,
    };
  } finally {
    await chaos.stop();
  }
}

/** The last line of `npm run chaos`: the figures as one JSON object. */
export function summaryOf(result: ChaosResult): Record<string, unknown> {
  const recovery: Record<string, number | null> = {};
  for (const fault of result.faults) {
    const current = recovery[fault.kind];
    recovery[fault.kind] =
      fault.recoveryMs === null || current === null ? null : Math.max(current ?? 0, fault.recoveryMs);
  }
  const catchUp = result.faults.filter((f) => f.kind.startsWith('site link cut'));
  return {
    lost: result.check.lost,
    duplicated: result.check.duplicated,
    unexpected: result.check.unexpected,
    faults: result.faults.filter(
      (f) => f.kind !== 'hub node restart' && f.kind !== 'site link cut: hub aggregate',
    ).length,
    events: result.check.produced,
    replicas_equal: result.check.replicasEqual,
    control_detected: result.control.detected,
    control_lost: result.control.check.lost,
    prevented_equal: result.prevented.equal,
    prevented: result.prevented.reported,
    workload_requests: result.workload.requests,
    workload_retries: result.workload.retries,
    workload_failures: result.workload.failures.length,
    settled: result.settled,
    recovery_ms: recovery,
    replica_catch_up_ms: catchUp.map((f) => f.recoveryMs),
    duration_s: Math.round(result.durationMs / 1000),
  };
}

/** All the zeros and truths the suite demands. */
export function passed(result: ChaosResult): boolean {
  return (
    result.check.lost === 0 &&
    result.check.duplicated === 0 &&
    result.check.unexpected === 0 &&
    result.check.replicasEqual &&
    result.control.detected &&
    result.prevented.equal &&
    result.workload.failures.length === 0 &&
    result.faults.every((f) => f.recoveryMs !== null)
  );
}
