import { step, type ChaosPlan } from './chaos-run.js';

/**
 * `npm run chaos`: every fault kind, each hub node killed in turn (the POLICE stream's leader, the
 * meta leader, the one left), every service instance killed, a hub node frozen past its
 * heartbeat, Batam's link cut past the mirror's stall timeout, PostgreSQL restarted, the police
 * killed between commit and publish, messages deleted behind its back (the reconciler republishes
 * them under msg ids of their own, so at once). Every hub fault waits until all replicas are current
 * again before the next: one failure at a time. About 6-12 minutes.
 */
export const FULL_PLAN: ChaosPlan = {
  name: 'full',
  reconcileIntervalMs: 10_000,
  warmupMs: 20_000,
  gapMs: 8_000,
  deletions: 4,
  restoreTimeoutMs: 300_000,
  settleTimeoutMs: 240_000,
  steps: [
    step.killStreamLeader('POLICE'),
    step.killService('police'),
    step.killMetaLeader(),
    step.killService('ministry'),
    step.pauseStreamLeader('MINISTRY', 6_000),
    step.cutLink('batam', 20_000),
    step.killService('immigration-batam'),
    step.killUnkilledHubNode(),
    step.killService('immigration-dumai'),
    step.restartPostgres(3_000),
    step.killService('immigration-central'),
    step.killProducer(8),
    step.cutLink('dumai', 16_000),
  ],
};

/**
 * The version inside `npm test` (test/e2e/chaos.e2e-spec.ts), at most 3 minutes on 2 cores: one
 * POLICE stream leader killed, one service killed, one link cut, one deletion (POLICE's duplicate
 * window shortened to 5 s: the restore no longer needs it, republishes having msg ids of their own, but
 * the short run keeps covering a stream whose window passes within it) and the control.
 */
export const SHORT_PLAN: ChaosPlan = {
  name: 'short',
  reconcileIntervalMs: 3_000,
  policeDuplicateWindowMs: 5_000,
  warmupMs: 4_000,
  gapMs: 2_000,
  deletions: 2,
  restoreTimeoutMs: 60_000,
  settleTimeoutMs: 45_000,
  steps: [
    step.killStreamLeader('POLICE'),
    step.killService('ministry'),
    step.cutLink('batam', 16_000, 60_000),
  ],
};
