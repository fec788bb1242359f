// Request bodies are validated by the event contract itself, not by duplicate DTO classes: the
// service builds the event data from the body and runs buildEvent (the same strict validator the
// consumers run), then maps issue paths `data.x.y` back to body paths `x.y`. One source of truth,
// every failing field named (docs/contract.md §6), and nothing is written because validation happens first.
import { EventValidationError, jsonSchemaFor, type EventType, type JsonSchema } from '@simpul/contracts';
import type { FieldProblem } from '@simpul/http';
import { trimStrings, validationFailed } from '@simpul/http';

/** The body as a trimmed plain object, or 400 VALIDATION_FAILED. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ path: '', rule: 'type', message: 'the body must be a JSON object [type]' }]);
  }
  return trimStrings(body) as Record<string, unknown>;
}

export { trimStrings };

export { validationFailed };

/** Maps a contract validation error on `data.*` to the body's own paths (`data.person.nik` → `person.nik`). */
export function bodyProblems(error: EventValidationError): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path === 'data' ? '' : issue.path.replace(/^data\./, '').replace(/^data\[/, '[');
    const message = issue.message.startsWith(`${issue.path}:`)
      ? `${path || 'body'}:${issue.message.slice(issue.path.length + 1)}`
      : issue.message;
    return { path, rule: issue.rule, message };
  });
}

/** Runs `build`, turning a contract validation error into 400 VALIDATION_FAILED on body paths. */
export function buildOrReject<T>(build: () => T, extra: FieldProblem[] = []): T {
  try {
    const result = build();
    if (extra.length > 0) throw validationFailed(extra);
    return result;
  } catch (error) {
    if (error instanceof EventValidationError) throw validationFailed([...extra, ...bodyProblems(error)]);
    throw error;
  }
}

/**
 * OpenAPI schema of a request body: the `data` schema of an event type with definitions inlined,
 * minus the fields the service generates (`omit`).
 */
export function bodySchemaFor(type: EventType, omit: string[] = []): Record<string, unknown> {
  const root = jsonSchemaFor(type) as JsonSchema & {
    properties: Record<string, unknown>;
    definitions?: Record<string, unknown>;
  };
  const definitions = root.definitions ?? {};
  const inline = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(inline);
    if (node === null || typeof node !== 'object') return node;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string') {
      return inline(definitions[record.$ref.replace('#/definitions/', '')]);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(record)) if (!k.startsWith('x-')) out[k] = inline(v);
    return out;
  };
  const data = inline(root.properties.data) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  for (const field of omit) delete data.properties?.[field];
  if (data.required) data.required = data.required.filter((f) => !omit.includes(f));
  return data as Record<string, unknown>;
}
