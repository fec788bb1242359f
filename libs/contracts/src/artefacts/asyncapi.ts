/**
 * The AsyncAPI 3.0 document of every NATS channel and message (docs/contract.md §3-5), built from the same
 * generated JSON Schemas as `simpul schema export`, so the two can never disagree.
 */

type Schema = Record<string, unknown>;

export interface AsyncApiEventInput {
  /** Event type, e.g. `police.arrest.recorded.v1`. */
  type: string;
  /** NATS subject with its unit token as a parameter, e.g. `police.{polda}.arrest.recorded`. */
  subject: string;
  /** The generated JSON Schema of the whole CloudEvent (envelope and `data`). */
  schema: Schema;
}

/** Durable consumers of docs/contract.md §3 and the subjects they read. */
const CONSUMERS: { durable: string; service: string; filter: RegExp; description: string }[] = [
  {
    durable: 'ministry-police',
    service: 'ministry',
    filter: /^police\./,
    description: 'police events into cases, alerts, watchlist and statistics',
  },
  {
    durable: 'ministry-immigration',
    service: 'ministry',
    filter: /^immigration\./,
    description: 'checkpoint matches and delays into cases, alerts and statistics',
  },
  {
    durable: 'police-{deployment}-matches',
    service: 'police',
    filter: /^immigration\.\{checkpoint\}\.screening\.matched$/,
    description: "checkpoint matches on a Polda's suspects",
  },
  {
    durable: 'police-{deployment}-leads',
    service: 'police',
    filter: /^ministry\.patrol\.finding\.recorded$/,
    description: "the cyber patrol's findings on a Polda's region, as leads",
  },
  {
    durable: 'immigration-{site}-watchlist',
    service: 'immigration',
    filter: /^ministry\.watchlist\./,
    description: "a checkpoint deployment's watchlist replica",
  },
  {
    durable: 'immigration-{site}-delays',
    service: 'immigration',
    filter: /^immigration\.\{checkpoint\}\.departure\.delayed$/,
    description: "other checkpoints' departure delays",
  },
];

const PARAMETERS: Record<string, string> = {
  polda: 'Polda code, the unit token of the publishing regional police command (e.g. riau, kepri)',
  checkpoint: 'checkpoint (TPI) code, the unit token of the publishing checkpoint (e.g. batam-center, dumai)',
};

const HEADERS: Schema = {
  type: 'object',
  required: ['Nats-Msg-Id', 'Simpul-Signature', 'Simpul-Key'],
  properties: {
    'Nats-Msg-Id': {
      type: 'string',
      description: 'the event id; JetStream drops duplicates within the stream duplicate window',
    },
    'Simpul-Signature': {
      type: 'string',
      description: 'base64url Ed25519 signature over the RFC 8785 canonical JSON of the body',
    },
    'Simpul-Key': {
      type: 'string',
      description: "id of the signer's public key, registered for the event source",
    },
    traceparent: { type: 'string', description: 'W3C trace context' },
  },
};

export function buildAsyncApi(events: AsyncApiEventInput[], version = '1.0.0'): Schema {
  const channels: Schema = {};
  const operations: Schema = {};
  const messages: Schema = {};
  const schemas: Schema = {};

  for (const event of [...events].sort((a, b) => a.type.localeCompare(b.type))) {
    const channelId = camel(event.subject.replace(/\{[^}]+\}/g, ''));
    const messageId = camel(event.type);
    const payload = hoistDefinitions(event.schema, schemas);
    messages[messageId] = {
      name: event.type,
      title: event.type,
      summary: String((event.schema.description as string | undefined) ?? event.type),
      contentType: 'application/json',
      headers: HEADERS,
      payload: { $ref: `#/components/schemas/${messageId}` },
    };
    schemas[messageId] = payload;

    const parameters = [...event.subject.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    channels[channelId] = {
      address: event.subject,
      description: `CloudEvents of type ${event.type} (structured mode JSON)`,
      ...(parameters.length > 0
        ? { parameters: Object.fromEntries(parameters.map((p) => [p, { description: PARAMETERS[p] ?? p }])) }
        : {}),
      messages: { [messageId]: { $ref: `#/components/messages/${messageId}` } },
    };
    const channelRef = { $ref: `#/channels/${channelId}` };
    const messageRef = { $ref: `#/channels/${channelId}/messages/${messageId}` };
    operations[`publish${pascal(channelId)}`] = {
      action: 'send',
      channel: channelRef,
      summary: `${event.type.split('.')[0]} publishes ${event.type} through its outbox`,
      messages: [messageRef],
    };
    for (const consumer of CONSUMERS.filter((c) => c.filter.test(event.subject))) {
      operations[`${camel(consumer.durable.replace(/\{site\}/, 'site'))}${pascal(channelId)}`] = {
        action: 'receive',
        channel: channelRef,
        summary: `durable pull consumer ${consumer.durable} (${consumer.service}): ${consumer.description}`,
        messages: [messageRef],
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Simpul event bus',
      version,
      description:
        'CloudEvents exchanged by Polda, KP2MI and immigration checkpoints over NATS JetStream. Streams: POLICE (police.>), MINISTRY (ministry.>), IMMIGRATION (immigration.>), DEAD_LETTERS (deadletter.>).',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:4222',
        protocol: 'nats',
        description: 'local development NATS with JetStream',
      },
    },
    channels,
    operations,
    components: { messages, schemas },
  };
}

/**
 * Moves a schema's `$defs`/`definitions` into `components.schemas` and rewrites its `$ref`s to
 * point there: inside an AsyncAPI document a local `#/$defs/…` would resolve against the document.
 */
function hoistDefinitions(schema: Schema, into: Schema): Schema {
  const definitions = { ...((schema.$defs ?? {}) as Schema), ...((schema.definitions ?? {}) as Schema) };
  for (const [name, definition] of Object.entries(definitions)) {
    const rewritten = rewriteRefs(definition);
    if (name in into && JSON.stringify(into[name]) !== JSON.stringify(rewritten)) {
      throw new Error(`two event schemas define '${name}' differently`);
    }
    into[name] = rewritten;
  }
  const { $defs: _defs, definitions: _definitions, $schema: _schema, $id: _id, ...rest } = schema;
  return rewriteRefs(rest) as Schema;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$ref' && typeof value === 'string'
        ? [key, value.replace(/^#\/(\$defs|definitions)\//, '#/components/schemas/')]
        : [key, rewriteRefs(value)],
    ),
  );
}

function camel(text: string): string {
  const words = text.split(/[^a-zA-Z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1))).join('');
}

function pascal(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}
