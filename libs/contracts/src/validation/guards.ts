// Checks that run before either validation path, on raw input: size, UTF-8, JSON syntax, nesting
// depth and forbidden keys, then the dispatch on `type`. They protect the parser and
// class-transformer (which would follow an own `__proto__` key) and are shared, so both paths
// start from the same verdict.
import { issue, pathOf, type ValidationIssue } from './issues.js';
import { isEventType, type EventType } from '../registry.js';

/** Largest event accepted, in bytes of UTF-8 JSON (256 KiB). */
export const MAX_EVENT_BYTES = 256 * 1024;

/** Deepest nesting of objects and arrays accepted (the envelope itself is depth 1; the catalogue needs 6). */
export const MAX_DEPTH = 12;

// Keys that could reach or shadow Object.prototype. JSON.parse makes `__proto__` an own property, so
// it survives parsing and must be looked for; class-transformer silently drops keys that name
// inherited methods (`toString`), which would hide an unknown property from the reference path.
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

// Bound the issues one input can produce (a 256 KiB body could hold thousands of bad keys).
const MAX_GUARD_ISSUES = 50;

export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

export type Decoded = { ok: true; value: unknown } | { ok: false; errors: ValidationIssue[] };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes or text to a JSON value, enforcing the size limit and strict UTF-8 (a BOM is not JSON). */
export function decodeJson(raw: Uint8Array | string): Decoded {
  let text: string;
  if (typeof raw === 'string') {
    // Cheap bound first: a UTF-16 unit is at most 3 UTF-8 bytes.
    if (
      raw.length > MAX_EVENT_BYTES ||
      (raw.length * 3 > MAX_EVENT_BYTES && Buffer.byteLength(raw, 'utf8') > MAX_EVENT_BYTES)
    ) {
      return { ok: false, errors: [issue('', 'maxBytes', `at most ${MAX_EVENT_BYTES} bytes`)] };
    }
    text = raw;
  } else if (raw instanceof Uint8Array) {
    if (raw.byteLength > MAX_EVENT_BYTES) {
      return { ok: false, errors: [issue('', 'maxBytes', `at most ${MAX_EVENT_BYTES} bytes`)] };
    }
    try {
      text = utf8.decode(raw);
    } catch {
      return { ok: false, errors: [issue('', 'json', 'invalid UTF-8')] };
    }
  } else {
    return { ok: false, errors: [issue('', 'json', 'input is neither bytes nor text')] };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, errors: [issue('', 'json')] };
  }
}

/** Rejects nesting deeper than MAX_DEPTH and forbidden keys anywhere. */
export function checkStructure(value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  // The path is kept as a stack of steps and written out only for an issue: this walk sees every
  // node of every event, so it must not build strings.
  const steps: (string | number)[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || issues.length >= MAX_GUARD_ISSUES) return;
    if (depth > MAX_DEPTH) {
      issues.push(issue(pathOf(steps), 'maxDepth', `at most ${MAX_DEPTH} levels`));
      return;
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child: unknown = node[i];
        if (typeof child !== 'object' || child === null) continue;
        steps.push(i);
        visit(child, depth + 1);
        steps.pop();
      }
      return;
    }
    for (const key in node) {
      steps.push(key);
      if (FORBIDDEN_KEYS.has(key)) issues.push(issue(pathOf(steps), 'forbiddenKey'));
      else visit((node as Record<string, unknown>)[key], depth + 1);
      steps.pop();
    }
  };
  visit(value, 1);
  return issues.slice(0, MAX_GUARD_ISSUES);
}

export type Dispatched = { ok: true; type: EventType } | { ok: false; errors: ValidationIssue[] };

/** The event type of a structurally safe value, or why there is none. */
export function dispatchType(value: unknown): Dispatched {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, errors: [issue('', 'type', 'an event is a JSON object')] };
  }
  const type = (value as Record<string, unknown>).type;
  if (type === undefined) return { ok: false, errors: [issue('type', 'required')] };
  if (typeof type !== 'string') return { ok: false, errors: [issue('type', 'type')] };
  if (!isEventType(type)) return { ok: false, errors: [issue('type', 'unknownType')] };
  return { ok: true, type };
}

/** The guards every path runs on an already-parsed value, then the dispatch on `type`. */
export function guardAndDispatch(value: unknown): Dispatched {
  const structural = checkStructure(value);
  if (structural.length > 0) return { ok: false, errors: structural };
  return dispatchType(value);
}
