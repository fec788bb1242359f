/**
 * The streams and durable consumers of Simpul (docs/contract.md §3), as data. Provisioning turns these
 * into JetStream configs; the runner reads the consumer definitions for stream names and retry
 * limits. Everything here stays within what nats-server 2.9 accepts.
 */

/**
 * Where a mirror or a source reads from. nats-server 2.9 takes only name, start, filter and
 * external: no subject transforms, no several filters.
 */
export interface StreamOriginDefinition {
  /** The origin stream's name (in its own domain). */
  name: string;
  /** JetStream domain of the origin (its API is `$JS.<domain>.API`); absent = this domain. */
  domain?: string;
  /** Only messages on this subject (one filter: 2.9 has no several). */
  filterSubject?: string;
}

export interface StreamDefinition {
  name: string;
  /** Subjects the stream captures; empty for a mirror or a stream built only from sources. */
  subjects: string[];
  /** A read-only copy of another stream (no subjects of its own). */
  mirror?: StreamOriginDefinition;
  /** Streams whose messages this one takes in, each keeping its original subject. */
  sources?: StreamOriginDefinition[];
  description: string;
  /** Retention of a message, in milliseconds (limits policy, discard old). */
  maxAgeMs: number;
  /** Size cap of the stream in bytes; beyond it the oldest messages go. */
  maxBytes: number;
  /** Largest accepted message in bytes (body + headers). */
  maxMsgSize: number;
  /** Messages kept per subject, the oldest of that subject going first (default: no limit). */
  maxMsgsPerSubject?: number;
  /** JetStream de-duplication window on `Nats-Msg-Id`, in milliseconds (at least 2 minutes). */
  duplicateWindowMs: number;
  /** Replicas: 1 on a single server, 3 on the production cluster. */
  replicas: number;
}

export interface ConsumerDefinition {
  stream: string;
  /** Durable name, also the `deadletter.<durable>` subject of its dead letters. */
  durable: string;
  filterSubject: string;
  description: string;
  /** How long a delivered message may stay unacknowledged before redelivery, in milliseconds. */
  ackWaitMs: number;
  /**
   * Deliveries the runner attempts before dead-lettering a retryable failure. The server's
   * `max_deliver` is unlimited (2.9 silently stops delivering at `max_deliver`): any delivery past
   * this count (reached when the last attempt died with its process, or its dead letter could not
   * be stored) only dead-letters the message, without running the handler, until DEAD_LETTERS
   * takes it. Nothing is stranded.
   */
  maxAttempts: number;
  /** Unacknowledged messages the server lets out at once across all instances. */
  maxAckPending: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const GiB = 1024 ** 3;

export interface TopologyOptions {
  /** Replicas of every stream (default 1). */
  replicas?: number;
  /** Stream retention in days (default 365: a case can take a year to reach court). */
  retentionDays?: number;
  /** Size cap per agency stream in bytes (default 10 GiB). */
  maxBytes?: number;
  /** Per-consumer overrides (e.g. short ack waits in tests). */
  consumer?: Partial<Pick<ConsumerDefinition, 'ackWaitMs' | 'maxAttempts' | 'maxAckPending'>>;
  /**
   * Police deployments, by the code of their registry id (`gateway` for `police:gateway`, the local
   * run's single deployment and the default): each gets its checkpoint-matches and its leads consumer.
   */
  policeDeployments?: string[];
}

/** Largest accepted message: a departure.foiled with 2,000 candidates fits with room to spare. */
export const MAX_MSG_SIZE = 512 * 1024;

/**
 * Largest dead letter: anything an event stream accepts plus the `Simpul-DL-*` headers a dead
 * letter adds (under 2 KiB: the error text is cut at 1,000 characters), with room to spare.
 * Stays under nats-server's default max_payload of 1 MiB.
 */
export const DEAD_LETTER_MAX_MSG_SIZE = MAX_MSG_SIZE + 64 * 1024;

/**
 * Dead letters kept per durable (`deadletter.<durable>` subject): a unit can publish dead letters
 * for its own durables only, so with a per-subject cap a flood of junk from one unit pushes out
 * that durable's oldest letters and never another's. nats-server 2.9 has no per-subject discard of
 * new messages (2.10's `discard_new_per_subject`), so the cap discards old within the subject.
 */
export const DEAD_LETTERS_PER_CONSUMER = 10_000;

export function simpulStreams(options: TopologyOptions = {}): StreamDefinition[] {
  const common = {
    maxAgeMs: (options.retentionDays ?? 365) * DAY,
    maxBytes: options.maxBytes ?? 10 * GiB,
    maxMsgSize: MAX_MSG_SIZE,
    duplicateWindowMs: 2 * MINUTE,
    replicas: options.replicas ?? 1,
  };
  return [
    { ...common, name: 'POLICE', subjects: ['police.>'], description: 'Events published by Polda units' },
    { ...common, name: 'MINISTRY', subjects: ['ministry.>'], description: 'Events published by KP2MI' },
    {
      ...common,
      name: 'IMMIGRATION',
      subjects: ['immigration.>'],
      description: 'Events published by checkpoints',
    },
    {
      ...common,
      name: 'DEAD_LETTERS',
      subjects: ['deadletter.>'],
      description: 'Messages a consumer gave up on, with original headers and body; replayable',
      maxMsgSize: DEAD_LETTER_MAX_MSG_SIZE,
      maxMsgsPerSubject: DEAD_LETTERS_PER_CONSUMER,
      // No stream-wide byte cap: with one, discard-old would let one durable's flood evict the
      // others' letters. The size is bounded by durables × DEAD_LETTERS_PER_CONSUMER × message size
      // (and by max_age), and operators replay or purge dead letters long before that.
      maxBytes: -1,
    },
  ];
}

/** Site ids and police deployment codes become consumer names: keep them to NATS-name-safe characters. */
const SITE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Durable consumers of docs/contract.md §3. `sites` are the immigration deployments' site ids (a
 * checkpoint code in the field, `local` for a local run): each gets its own watchlist and delays
 * consumer. Each police deployment (`options.policeDeployments`) gets its own matches consumer.
 */
export function simpulConsumers(
  sites: string[] = ['local'],
  options: TopologyOptions = {},
): ConsumerDefinition[] {
  const common = {
    ackWaitMs: options.consumer?.ackWaitMs ?? 30_000,
    maxAttempts: options.consumer?.maxAttempts ?? 8,
    maxAckPending: options.consumer?.maxAckPending ?? 1000,
  };
  const fixed: ConsumerDefinition[] = [
    {
      ...common,
      stream: 'POLICE',
      durable: 'ministry-police',
      filterSubject: 'police.>',
      description: 'KP2MI applies police events',
    },
    {
      ...common,
      stream: 'IMMIGRATION',
      durable: 'ministry-immigration',
      filterSubject: 'immigration.>',
      description: 'KP2MI applies checkpoint events',
    },
  ];
  // A match's subject carries the checkpoint, not the Polda (that is in the body's `origin`), so no
  // subject filter can split matches by Polda: every deployment reads them all on its own durable
  // and keeps those of the Polda it serves. A shared durable would hand a Kepri match to a
  // deployment serving only Riau, which acks it and the match is lost.
  // Findings carry their Polda in the body's `region`, not in the subject, for the same reason: each
  // deployment reads every finding on its own leads durable and keeps those of the Polda it serves.
  const police = (options.policeDeployments ?? ['gateway']).flatMap((deployment): ConsumerDefinition[] => {
    if (!SITE.test(deployment)) throw new Error(`police deployment '${deployment}' must match ${SITE}`);
    return [
      {
        ...common,
        stream: 'IMMIGRATION',
        durable: policeMatchesDurable(deployment),
        filterSubject: 'immigration.*.screening.matched',
        description: `Police deployment ${deployment} receives checkpoint matches on the suspects of the Polda it serves`,
      },
      {
        ...common,
        stream: 'MINISTRY',
        durable: policeLeadsDurable(deployment),
        filterSubject: 'ministry.patrol.finding.recorded',
        description: `Police deployment ${deployment} receives the cyber patrol's findings on the Polda it serves as leads`,
      },
    ];
  });
  const perSite = sites.flatMap((site): ConsumerDefinition[] => {
    if (!SITE.test(site)) throw new Error(`site id '${site}' must match ${SITE}`);
    return [
      {
        ...common,
        stream: 'MINISTRY',
        durable: `immigration-${site}-watchlist`,
        filterSubject: 'ministry.watchlist.>',
        description: `Checkpoint ${site} keeps its watchlist replica`,
      },
      {
        ...common,
        stream: 'IMMIGRATION',
        durable: `immigration-${site}-delays`,
        filterSubject: 'immigration.*.departure.delayed',
        description: `Checkpoint ${site} learns of departure delays elsewhere`,
      },
    ];
  });
  return [...fixed, ...police, ...perSite];
}

/** The matches consumer of a police deployment: `gateway` (unit `police:gateway`) → `police-gateway-matches`. */
export function policeMatchesDurable(deployment: string): string {
  return `police-${deployment}-matches`;
}

/** The leads consumer of a police deployment: `gateway` → `police-gateway-leads` (the patrol's findings). */
export function policeLeadsDurable(deployment: string): string {
  return `police-${deployment}-leads`;
}

/** The stream that stores `subject` among `streams` (first match of a subject filter). */
export function streamForSubject(streams: StreamDefinition[], subject: string): StreamDefinition | undefined {
  return streams.find((s) => s.subjects.some((filter) => subjectMatches(filter, subject)));
}

/** NATS subject matching: `*` one token, `>` one or more trailing tokens. */
export function subjectMatches(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length) return false;
    if (f[i] !== '*' && f[i] !== s[i]) return false;
  }
  return f.length === s.length;
}
