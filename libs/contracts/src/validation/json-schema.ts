// JSON Schema (draft-07, what AsyncAPI 3 accepts) for every event type, generated from the
// class-validator metadata of the contract classes: nothing here restates a field. Cross-field rules,
// which JSON Schema cannot say, are listed in `x-simpul-rules` with where they apply.
// Deterministic: properties in declaration order, definitions by name, keywords in a fixed order.
import { dataSchemaFor } from '../envelope/envelope.js';
import { EVENT_REGISTRY, EVENT_TYPES, type EventType } from '../registry.js';
import { INSTANT_RANGE_DESCRIPTION } from '../common/instants.js';
import { classModel, type ConstraintModel, type PropertyModel } from './class-model.js';

export const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/** Non-standard keyword listing the cross-field rules of a schema. */
export const RULES_KEYWORD = 'x-simpul-rules';

export type JsonSchema = Record<string, unknown>;

/** A cross-field rule as listed in `x-simpul-rules`. */
export interface SchemaRuleNote {
  rule: string;
  /** Where it is reported: a path with `[]` for "every element" (`data.suspects[].person.nik`). */
  at: string;
  description: string;
}

const KEY_ORDER = [
  '$schema',
  '$id',
  'title',
  'description',
  '$ref',
  'type',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'items',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'additionalProperties',
  'definitions',
  RULES_KEYWORD,
];

function ordered(schema: JsonSchema): JsonSchema {
  const rank = (k: string): number => {
    const i = KEY_ORDER.indexOf(k);
    return i === -1 ? KEY_ORDER.length : i;
  };
  const keys = Object.keys(schema).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((k) => [k, schema[k]]));
}

const BUILTIN_TYPES: Record<string, string> = {
  isString: 'string',
  isInt: 'integer',
  isNumber: 'number',
  isBoolean: 'boolean',
  isArray: 'array',
  isObject: 'object',
};

/** The JSON Schema keywords one constraint contributes. */
function keywordsOf(c: ConstraintModel): JsonSchema {
  if (c.spec) {
    switch (c.spec.kind) {
      case 'pattern':
        return { pattern: c.spec.pattern.source };
      case 'format':
        return { format: c.spec.format };
      case 'minLength':
        return { minLength: c.spec.limit };
      case 'maxLength':
        return { maxLength: c.spec.limit };
      case 'rule':
        return {}; // listed in x-simpul-rules
    }
  }
  if (c.name in BUILTIN_TYPES) return { type: BUILTIN_TYPES[c.name] };
  switch (c.name) {
    case 'isIn':
      return { enum: [...(c.args[0] as unknown[])] };
    case 'min':
      return { minimum: c.args[0] };
    case 'max':
      return { maximum: c.args[0] };
    case 'arrayMinSize':
      return { minItems: c.args[0] };
    case 'arrayMaxSize':
      return { maxItems: c.args[0] };
    default:
      // A decorator the schema cannot express would make the two validation paths disagree.
      throw new Error(`JSON Schema generation: unsupported constraint ${c.name}`);
  }
}

function propertySchema(prop: PropertyModel, ref: (cls: new () => object) => string): JsonSchema {
  const own: JsonSchema = {};
  const items: JsonSchema = {};
  for (const c of prop.constraints) Object.assign(c.each ? items : own, keywordsOf(c));
  if (prop.description) own.description = prop.description;
  // The format cannot say the contract's range of instants: every date-time field's description does.
  if (own.format === 'date-time' || items.format === 'date-time') {
    own.description = [own.description, INSTANT_RANGE_DESCRIPTION].filter(Boolean).join(' ');
  }
  if (prop.nested) {
    const target = { $ref: ref(prop.nested.cls) };
    if (prop.nested.each) {
      own.items = target;
    } else {
      delete own.type; // the referenced definition says `object`
      Object.assign(own, target);
    }
  } else if (Object.keys(items).length > 0) {
    own.items = ordered(items);
  }
  return ordered(own);
}

function objectSchema(cls: new () => object, ref: (cls: new () => object) => string): JsonSchema {
  const model = classModel(cls);
  const properties: JsonSchema = {};
  const required: string[] = [];
  for (const prop of model.properties) {
    properties[prop.name] = propertySchema(prop, ref);
    if (!prop.optional) required.push(prop.name);
  }
  return ordered({
    ...(model.description ? { description: model.description } : {}),
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  });
}

/** Where each cross-field rule applies, walking the classes from the envelope. */
export function ruleNotes(
  cls: new () => object,
  path = '',
  seen: ReadonlySet<object> = new Set(),
): SchemaRuleNote[] {
  const notes: SchemaRuleNote[] = [];
  for (const prop of classModel(cls).properties) {
    const at = path === '' ? prop.name : `${path}.${prop.name}`;
    for (const rule of prop.rules) notes.push({ rule: rule.name, at, description: rule.description });
    if (prop.nested && !seen.has(prop.nested.cls)) {
      const nestedPath = prop.nested.each ? `${at}[]` : at;
      notes.push(...ruleNotes(prop.nested.cls, nestedPath, new Set([...seen, cls])));
    }
  }
  return notes;
}

/**
 * The JSON Schema of one contract class on its own (a shape such as Person), with the classes it
 * nests in `definitions`: what parseShape validates against.
 */
export function jsonSchemaForClass(cls: new () => object): JsonSchema {
  const definitions = new Map<string, JsonSchema>();
  const pending: Array<new () => object> = [];
  const ref = (nested: new () => object): string => {
    if (!definitions.has(nested.name)) {
      definitions.set(nested.name, {});
      pending.push(nested);
    }
    return `#/definitions/${nested.name}`;
  };
  const root = objectSchema(cls, ref);
  while (pending.length > 0) {
    const next = pending.shift()!;
    definitions.set(next.name, objectSchema(next, ref));
  }
  const sorted = Object.fromEntries([...definitions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  return ordered({ ...root, $schema: JSON_SCHEMA_DIALECT, title: cls.name, definitions: sorted });
}

/** The JSON Schema of one event type: the whole envelope with its `data`. */
export function jsonSchemaFor(type: EventType): JsonSchema {
  const info = EVENT_REGISTRY[type];
  const definitions = new Map<string, JsonSchema>();
  const pending: Array<new () => object> = [];
  const ref = (cls: new () => object): string => {
    if (!definitions.has(cls.name)) {
      definitions.set(cls.name, {}); // placeholder: guards against cycles and duplicates
      pending.push(cls);
    }
    return `#/definitions/${cls.name}`;
  };
  const root = objectSchema(info.envelopeClass, ref);
  while (pending.length > 0) {
    const cls = pending.shift()!;
    definitions.set(cls.name, objectSchema(cls, ref));
  }
  const sortedDefinitions = Object.fromEntries(
    [...definitions.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  return ordered({
    ...root,
    $schema: JSON_SCHEMA_DIALECT,
    $id: dataSchemaFor(type),
    title: type,
    description: classModel(info.dataClass).description ?? type,
    definitions: sortedDefinitions,
    [RULES_KEYWORD]: ruleNotes(info.envelopeClass),
  });
}

/** JSON Schema of every event type, keyed by type, in catalogue order. Deterministic output. */
export function generateJsonSchemas(): Record<EventType, JsonSchema> {
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, jsonSchemaFor(type)])) as Record<
    EventType,
    JsonSchema
  >;
}
