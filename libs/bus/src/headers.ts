/** Header names of a Simpul message on NATS (docs/contract.md §4). */
export const BusHeader = {
  /** JetStream de-duplication id: the event id. */
  MSG_ID: 'Nats-Msg-Id',
  /** base64url Ed25519 signature over the RFC 8785 canonical JSON of the body. */
  SIGNATURE: 'Simpul-Signature',
  /** Id of the signing key in the key registry. */
  KEY: 'Simpul-Key',
  /** W3C trace context. */
  TRACEPARENT: 'traceparent',
} as const;

/** Headers a dead letter adds to the original ones (all values are ids, codes or subjects). */
export const DeadLetterHeader = {
  /** Stable error code (`BUS.SIGNATURE_INVALID`, a handler's poison code…). */
  ERROR_CODE: 'Simpul-DL-Error-Code',
  /** Error message free of personal data. */
  ERROR: 'Simpul-DL-Error',
  /** The NATS subject the message was consumed from: where a replay publishes it again. */
  SUBJECT: 'Simpul-DL-Subject',
  /** Stream and sequence of the original message. */
  STREAM: 'Simpul-DL-Stream',
  SEQUENCE: 'Simpul-DL-Sequence',
  /** The durable consumer that gave up. */
  CONSUMER: 'Simpul-DL-Consumer',
  /** How many deliveries the consumer saw. */
  DELIVERIES: 'Simpul-DL-Deliveries',
  /** The original `Nats-Msg-Id` (normally the event id). */
  MSG_ID: 'Simpul-DL-Msg-Id',
  /** When the message was dead-lettered (ISO 8601). */
  TIME: 'Simpul-DL-Time',
} as const;

/** Headers never copied from an original message into a dead letter or a replay. */
export const NON_COPIED_HEADERS: ReadonlySet<string> = new Set([
  'nats-msg-id',
  'nats-expected-stream',
  'nats-expected-last-msg-id',
  'nats-expected-last-sequence',
  'nats-expected-last-subject-sequence',
  'nats-rollup',
  'nats-ttl',
]);
