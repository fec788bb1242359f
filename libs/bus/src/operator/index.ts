/**
 * `@simpul/bus/operator`: what operator tools use and services do not (`simpul deadletters`,
 * `tail`, `streams`, `outbox`): the admin connection, dead-letter listing and replay, tail,
 * provisioning as code and the outbox's set-aside rows. Kept apart from the root export so a
 * service's imports show it cannot replay or provision.
 */
export { connectOperator, resolveKeyRegistry, ADMIN_CREDS_FILE } from './operator.js';
export {
  listDeadLetters,
  replayDeadLetters,
  toDeadLetter,
  DEAD_LETTER_STREAM,
  REPLAY_TOO_OLD,
} from '../dead-letters/dead-letters.js';
export type {
  DeadLetter,
  ReplayResult,
  ReplayOptions,
  ListDeadLettersOptions,
} from '../dead-letters/dead-letters.js';
export { tailSubject, inspectMessage, formatTailEntry } from '../tail/tail.js';
export type { TailEntry, SignatureStatus } from '../tail/tail.js';
export { provisionTopology, streamConfig, consumerConfig } from '../provisioning/provision.js';
export type { ProvisionReport, ProvisionAction } from '../provisioning/provision.js';
export { listOutbox, retryOutbox, dropOutbox } from '../outbox/outbox-admin.js';
export type {
  OutboxQuery,
  OutboxRowSummary,
  ListOutboxOptions,
  OutboxSelection,
} from '../outbox/outbox-admin.js';
export { pruneInbox, INBOX_RETENTION_MS, REPLAY_SAFETY_MARGIN_MS } from '../outbox/inbox-retention.js';
export type { PruneInboxOptions } from '../outbox/inbox-retention.js';
export { readLocalTopology, writeLocalTopology, TOPOLOGY_FILE } from './local-topology.js';
export type { LocalTopology } from './local-topology.js';
