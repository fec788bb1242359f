// Phone numbers reach the edges as people write them (`0812-3456-7890`); events carry E.164 only
// (docs/contract.md §13). Each body's phone arrays are normalised before the contract validates
// it, so a readable number is stored and published as `+6281234567890` and an unreadable one is
// reported by the contract's `phoneNumber` rule on its body path, never echoed back.
import { jsonSchemaFor, normalisePhoneNumbers, type EventType } from '@simpul/contracts';
import { objectBody } from './body-problems.js';
import { isPlainObject } from './trim-strings.js';

type Schema = Record<string, unknown>;

/**
 * A copy of `body` with every phone array at `paths` normalised (`normalisePhoneNumbers`); the
 * rest is shared, not copied. A path is written as in bodySchemaFor: `phoneNumbers`,
 * `traveler.phoneNumbers`, `suspects[].person.phoneNumbers` (`[]`: every item of that array).
 * Whatever does not have the shape a path expects is left as given, for validation to report.
 */
export function normaliseBodyPhoneNumbers<T>(body: T, paths: readonly string[]): T {
  let out: unknown = body;
  for (const path of paths) out = normaliseAt(out, path.split('.'));
  return out as T;
}

function normaliseAt(node: unknown, steps: readonly string[]): unknown {
  const [step, ...rest] = steps;
  if (step === undefined || !isPlainObject(node)) return node;
  const each = step.endsWith('[]');
  const key = each ? step.slice(0, -2) : step;
  if (!Object.hasOwn(node, key)) return node;
  const child = node[key];
  let next: unknown;
  if (each) {
    if (!Array.isArray(child)) return node;
    next = child.map((item: unknown) => normaliseAt(item, rest));
  } else {
    next = rest.length === 0 ? normalisePhoneNumbers(child) : normaliseAt(child, rest);
  }
  if (next === child) return node;
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    // defineProperty, as trimStrings does: a `__proto__` key stays an own property.
    Object.defineProperty(copy, k, {
      value: k === key ? next : v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

const pathsByType = new Map<EventType, readonly string[]>();

/**
 * Where the data of `type` holds phone numbers, in the notation of normaliseBodyPhoneNumbers,
 * read from the contract's JSON Schema: every `phoneNumbers` array property, at any depth
 * (`suspects[].person.phoneNumbers` for police.arrest.recorded.v1). A shape that gains phone
 * numbers later is then normalised at every edge without touching them.
 */
export function phoneNumberPaths(type: EventType): readonly string[] {
  let paths = pathsByType.get(type);
  if (!paths) {
    const full = jsonSchemaFor(type) as Schema;
    const definitions = (full.definitions ?? {}) as Record<string, Schema>;
    const data = (full.properties as Record<string, Schema>).data;
    paths = collect(data, '', definitions, 0);
    pathsByType.set(type, paths);
  }
  return paths;
}

function collect(schema: unknown, at: string, definitions: Record<string, Schema>, depth: number): string[] {
  // The contract's shapes nest a few levels; the bound only guards against a cyclic definition.
  if (depth > 20 || !isPlainObject(schema)) return [];
  const ref = schema.$ref;
  if (typeof ref === 'string' && ref.startsWith('#/definitions/'))
    return collect(definitions[ref.slice('#/definitions/'.length)], at, definitions, depth + 1);
  if (schema.type === 'array') return collect(schema.items, `${at}[]`, definitions, depth + 1);
  if (!isPlainObject(schema.properties)) return [];
  return Object.entries(schema.properties).flatMap(([name, child]) => {
    const path = at === '' ? name : `${at}.${name}`;
    return name === 'phoneNumbers' ? [path] : collect(child, path, definitions, depth + 1);
  });
}

/**
 * The body of a write whose fields are the data of `type` (or most of it): a trimmed JSON object
 * (else 400, as objectBody) with its phone numbers in E.164 wherever `type` holds them.
 */
export function eventBody(body: unknown, type: EventType): Record<string, unknown> {
  return normaliseBodyPhoneNumbers(objectBody(body), phoneNumberPaths(type));
}
