import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type JetStreamManager,
  type StreamConfig,
  type StreamSource,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { serverAtLeast } from '../connection/server-version.js';
import { BusError, BusErrorCode } from '../errors.js';
import type { ConsumerDefinition, StreamDefinition, StreamOriginDefinition } from './topology.js';

export type ProvisionAction = 'created' | 'updated' | 'unchanged';

export interface ProvisionReport {
  serverVersion: string | undefined;
  streams: Array<{ name: string; action: ProvisionAction }>;
  consumers: Array<{ stream: string; durable: string; action: ProvisionAction }>;
}

/** Marks what Simpul provisioned (servers ≥ 2.10 only: 2.9 refuses unknown fields). */
const METADATA = { 'simpul.managed-by': '@simpul/bus', 'simpul.topology': '1' };

export function streamConfig(
  def: StreamDefinition,
  serverVersion: string | undefined,
): Partial<StreamConfig> & { name: string } {
  const config: Partial<StreamConfig> & { name: string } = {
    name: def.name,
    description: def.description,
    subjects: def.subjects,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(def.maxAgeMs),
    max_bytes: def.maxBytes,
    max_msgs: -1,
    max_msgs_per_subject: def.maxMsgsPerSubject ?? -1,
    max_msg_size: def.maxMsgSize,
    max_consumers: -1,
    duplicate_window: nanos(def.duplicateWindowMs),
    num_replicas: def.replicas,
    // Direct get (2.9+) lets operator tools read dead letters without a consumer.
    allow_direct: true,
  };
  // A mirror, or a stream built from sources only, captures nothing: the server stores no subjects.
  if (def.subjects.length === 0) delete config.subjects;
  if (def.mirror) {
    // Direct gets of a mirror are its origin's affair (the server inherits them as mirror_direct).
    delete config.allow_direct;
    config.mirror = originConfig(def.mirror);
  }
  if (def.sources) config.sources = def.sources.map(originConfig);
  if (serverAtLeast(serverVersion, 2, 10)) config.metadata = { ...METADATA };
  return config;
}

/** A mirror or source entry: another domain's stream is reached through `$JS.<domain>.API`. */
function originConfig(origin: StreamOriginDefinition): StreamSource {
  return {
    name: origin.name,
    ...(origin.filterSubject !== undefined ? { filter_subject: origin.filterSubject } : {}),
    ...(origin.domain !== undefined ? { external: { api: `$JS.${origin.domain}.API` } } : {}),
  };
}

export function consumerConfig(
  def: ConsumerDefinition,
  serverVersion: string | undefined,
): Partial<ConsumerConfig> {
  // No `backoff`: on nats-server 2.9 it overrides the delay of an explicit `nak(delay)` from the
  // second redelivery on (measured: nak(100 ms) came back after 5 s), and the runner's own delays
  // are what retries should follow. A crashed instance's messages return after `ack_wait`.
  // `max_deliver: -1` (unlimited): 2.9 silently drops a message at `max_deliver`, so the server
  // never gives up and the runner decides from the delivery count when attempts are exhausted
  // (then it only dead-letters; docs/adr/0003-bus-delivery-on-nats-2-9.md, "Revised").
  const config: Partial<ConsumerConfig> = {
    durable_name: def.durable,
    description: def.description,
    filter_subject: def.filterSubject,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    ack_wait: nanos(def.ackWaitMs),
    max_deliver: -1,
    max_ack_pending: def.maxAckPending,
    max_waiting: 512,
  };
  if (serverAtLeast(serverVersion, 2, 10)) config.metadata = { ...METADATA };
  return config;
}

/**
 * Creates or updates streams and durable consumers so that they match the definitions; running it
 * again changes nothing. Settings a server cannot change in place (storage, retention, a 2.9
 * consumer's filter) raise BUS.PROVISION_CONFLICT rather than deleting anything: a stream holds
 * the agencies' evidence, so dropping it is an operator's decision.
 */
export async function provisionTopology(
  jsm: JetStreamManager,
  serverVersion: string | undefined,
  topology: { streams: StreamDefinition[]; consumers: ConsumerDefinition[] },
): Promise<ProvisionReport> {
  const report: ProvisionReport = { serverVersion, streams: [], consumers: [] };
  for (const def of topology.streams) {
    report.streams.push({ name: def.name, action: await applyStream(jsm, streamConfig(def, serverVersion)) });
  }
  for (const def of topology.consumers) {
    const action = await applyConsumer(jsm, def.stream, consumerConfig(def, serverVersion));
    report.consumers.push({ stream: def.stream, durable: def.durable, action });
  }
  return report;
}

async function applyStream(
  jsm: JetStreamManager,
  desired: Partial<StreamConfig> & { name: string },
): Promise<ProvisionAction> {
  let existing: StreamConfig;
  try {
    existing = (await jsm.streams.info(desired.name)).config;
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add(desired);
    return 'created';
  }
  for (const fixed of ['storage', 'retention'] as const) {
    if (existing[fixed] !== desired[fixed]) {
      throw new BusError(
        BusErrorCode.PROVISION_CONFLICT,
        `stream ${desired.name} has ${fixed}=${existing[fixed]}, wanted ${desired[fixed]}: cannot change in place`,
      );
    }
  }
  if (differs(existing, desired)) {
    await jsm.streams.update(desired.name, { ...existing, ...desired });
    return 'updated';
  }
  return 'unchanged';
}

async function applyConsumer(
  jsm: JetStreamManager,
  stream: string,
  desired: Partial<ConsumerConfig>,
): Promise<ProvisionAction> {
  const durable = desired.durable_name!;
  let existing: ConsumerConfig;
  try {
    existing = (await jsm.consumers.info(stream, durable)).config;
  } catch (error) {
    if (!isNotFound(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(stream, desired);
    return 'created';
  }
  if (!differs(existing, desired)) return 'unchanged';
  try {
    await jsm.consumers.update(stream, durable, desired);
  } catch (error) {
    throw new BusError(
      BusErrorCode.PROVISION_CONFLICT,
      `consumer ${stream}/${durable} cannot be updated in place (${(error as Error).message})`,
    );
  }
  return 'updated';
}

function isNotFound(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

/**
 * True when some field we set has another value on the server. Objects compare as subsets: servers
 * echo defaults and newer servers add their own `_nats.*` metadata keys.
 */
export function differs(existing: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return (
      !Array.isArray(existing) ||
      existing.length !== desired.length ||
      desired.some((v, i) => differs(existing[i], v))
    );
  }
  if (desired !== null && typeof desired === 'object') {
    if (existing === null || typeof existing !== 'object') return true;
    const current = existing as Record<string, unknown>;
    return Object.entries(desired).some(
      ([key, value]) => value !== undefined && differs(current[key], value),
    );
  }
  return existing !== desired;
}
