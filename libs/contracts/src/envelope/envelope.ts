// The CloudEvents 1.0 structured-mode envelope of every Simpul message (docs/contract.md §4).
// The interface is what TypeScript code sees; `envelopeClassFor` builds, per event type, the
// class-validator class the reference validation path and the JSON Schema generator read.
import {
  Describe,
  DateTime,
  Enforce,
  Nested,
  OneOf,
  Optional,
  Matching,
  Text,
  Uuid,
} from '../common/decorators.js';
import { SOURCE_PATTERN } from '../common/patterns.js';
import { sourceNamesUnit } from '../rules/envelope.rules.js';

export const SPEC_VERSION = '1.0';
export const DATA_CONTENT_TYPE = 'application/json';
export const SCHEMA_URN_PREFIX = 'urn:simpul:schema:';

/** The `dataschema` (and JSON Schema `$id`) of an event type. */
export function dataSchemaFor<T extends string>(type: T): `urn:simpul:schema:${T}` {
  return `${SCHEMA_URN_PREFIX}${type}`;
}

export interface CloudEventEnvelope<TType extends string, TData> {
  /** CloudEvents version, always '1.0'. Not personal data. */
  specversion: '1.0';
  /** Event id: a UUID (v7 from the builder), also the JetStream Nats-Msg-Id. Not personal data. */
  id: string;
  /** The publishing unit: /polri/polda/<code>, /imigrasi/tpi/<code> or /kp2mi/<name>. Not personal data. */
  source: string;
  /** Event type `<agency>.<aggregate>.<verb>.v<major>`. Not personal data. */
  type: TType;
  /** Optional CloudEvents subject: the case it concerns (case/<report number>), up to 200 characters. Not personal data. */
  subject?: string;
  /** When the fact happened or was recorded: ISO 8601 date-time with a zone. Not personal data. */
  time: string;
  /** Always 'application/json'. */
  datacontenttype: 'application/json';
  /** `urn:simpul:schema:<type>`, the `$id` of the JSON Schema of this type. */
  dataschema: `urn:simpul:schema:${TType}`;
  /** UUID of the case or flow this event belongs to (extension attribute). Not personal data. */
  correlationid: string;
  /** UUID of the event or request that caused this one (extension attribute). Not personal data. */
  causationid?: string;
  /** The event's payload, the class of its type. */
  data: TData;
}

type PropertyDecorator = (target: object, propertyKey: string) => void;

/**
 * A fresh class (no inheritance: class-validator merges inherited metadata per validation kind,
 * which would drop the base checks) describing the envelope of one event type.
 */
export function envelopeClassFor(
  type: string,
  dataClass: new () => object,
  className: string,
): new () => object {
  const cls = class {};
  Object.defineProperty(cls, 'name', { value: className });
  const fields: [string, string, PropertyDecorator[]][] = [
    ['specversion', "CloudEvents version, always '1.0'. Not personal data.", [OneOf([SPEC_VERSION])]],
    [
      'id',
      'Event id: a UUID (v7 from the builder), also the JetStream Nats-Msg-Id. Not personal data.',
      [Uuid()],
    ],
    [
      'source',
      'The publishing unit, naming the unit of the event: /polri/polda/<data.polda>, /imigrasi/tpi/<data.checkpoint> or /kp2mi/<name>. Not personal data.',
      [Matching(SOURCE_PATTERN, { max: 100 }), Enforce(sourceNamesUnit)],
    ],
    ['type', `Event type, always '${type}'. Not personal data.`, [OneOf([type])]],
    [
      'subject',
      'Optional CloudEvents subject: the case it concerns (case/<report number>), 1-200 characters. Not personal data.',
      [Optional(), Text({ max: 200 })],
    ],
    [
      'time',
      'When the fact happened or was recorded: ISO 8601 date-time with a zone. Not personal data.',
      [DateTime()],
    ],
    ['datacontenttype', "Always 'application/json'. Not personal data.", [OneOf([DATA_CONTENT_TYPE])]],
    ['dataschema', `Always '${dataSchemaFor(type)}'. Not personal data.`, [OneOf([dataSchemaFor(type)])]],
    [
      'correlationid',
      'UUID of the case or flow this event belongs to (CloudEvents extension). Not personal data.',
      [Uuid()],
    ],
    [
      'causationid',
      'UUID of the event or request that caused this one (CloudEvents extension). Not personal data.',
      [Optional(), Uuid()],
    ],
    ['data', 'The event payload.', [Nested(() => dataClass)]],
  ];
  for (const [name, description, decorators] of fields) {
    // Decorators run bottom-up in source code: apply in reverse so metadata order matches reading order.
    for (const decorate of [...decorators].reverse()) decorate(cls.prototype, name);
    Describe(description)(cls.prototype, name);
  }
  return cls;
}
