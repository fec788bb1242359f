// The hot path: one ajv validator per event type, compiled once from the generated JSON Schema
// (strict, all errors, no coercion, no defaults, nothing removed), its errors mapped to
// ValidationIssues, then the cross-field rules. A differential test keeps it in step with the
// class-validator reference path (reference.ts).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isCalendarDate, isDateTimeWithZone } from '../common/instants.js';
import { PATTERN_RULES } from '../common/patterns.js';
import { EVENT_REGISTRY, type EventType } from '../registry.js';
import { childPath, indexPath, issue, normalizeIssues, type ValidationIssue } from './issues.js';
import { jsonSchemaFor, jsonSchemaForClass, RULES_KEYWORD } from './json-schema.js';
import { walkRules } from './rule-walk.js';

let ajv: Ajv | undefined;
const validators = new Map<EventType, ValidateFunction>();

function compiler(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      strict: true,
      allErrors: true,
      coerceTypes: false,
      useDefaults: false,
      removeAdditional: false,
      // `unicode` (the default) makes min/maxLength count code points, like the classes do.
    });
    // Our own implementations of the two formats, shared with the class-validator path; the
    // standard names keep the exported schema meaningful to other validators.
    ajv.addFormat('date', { type: 'string', validate: (s: string) => isCalendarDate(s) });
    ajv.addFormat('date-time', { type: 'string', validate: (s: string) => isDateTimeWithZone(s) });
    ajv.addKeyword({ keyword: RULES_KEYWORD, schemaType: 'array' });
  }
  return ajv;
}

/** The compiled validator of one type, compiled on first use. */
function validatorFor(type: EventType): ValidateFunction {
  let validate = validators.get(type);
  if (!validate) {
    validate = compiler().compile(jsonSchemaFor(type));
    validators.set(type, validate);
  }
  return validate;
}

/** Compiles every type's validator now rather than on first use (services call it at start). */
export function warmUpValidators(): void {
  for (const type of Object.keys(EVENT_REGISTRY) as EventType[]) validatorFor(type);
}

/** Turns ajv's JSON pointer into our path, asking the data whether each step is an index. */
function pointerToPath(pointer: string, root: unknown): { path: string; node: unknown } {
  let path = '';
  let node: unknown = root;
  if (pointer === '') return { path, node };
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.includes('~') ? raw.replace(/~1/g, '/').replace(/~0/g, '~') : raw;
    if (Array.isArray(node)) {
      path = indexPath(path, Number(key));
      node = node[Number(key)];
    } else {
      path = childPath(path, key);
      node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    }
  }
  return { path, node };
}

function limit(e: ErrorObject): string {
  return `limit ${String((e.params as { limit?: unknown }).limit)}`;
}

function mapAjvError(e: ErrorObject, root: unknown): ValidationIssue {
  const { path } = pointerToPath(e.instancePath, root);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return issue(childPath(path, String(params.missingProperty)), 'required');
    case 'additionalProperties':
      return issue(childPath(path, String(params.additionalProperty)), 'unknownProperty');
    case 'type':
      return issue(path, 'type', `expected ${String(params.type)}`);
    case 'enum':
    case 'const':
      return issue(path, 'enum');
    case 'pattern':
      return issue(path, PATTERN_RULES.get(String(params.pattern)) ?? 'pattern');
    case 'format':
      return issue(path, params.format === 'date' ? 'date' : 'dateTime');
    case 'minLength':
    case 'maxLength':
      return issue(path, e.keyword, limit(e));
    case 'minimum':
      return issue(path, 'min', limit(e));
    case 'maximum':
      return issue(path, 'max', limit(e));
    case 'minItems':
      return issue(path, 'arrayMinSize', limit(e));
    case 'maxItems':
      return issue(path, 'arrayMaxSize', limit(e));
    default:
      return issue(path, e.keyword);
  }
}

const classValidators = new Map<object, ValidateFunction>();

/**
 * Validates `value` as one contract class alone (a Person, a Company) with a validator compiled
 * from the class's own schema, then the class's cross-field rules. Paths are relative to the value
 * ('' for the whole, `nik`, `aliases[0]`). Returns the normalised issues (empty when valid).
 */
export function compiledClassIssues(
  cls: new () => object,
  value: Record<string, unknown>,
): ValidationIssue[] {
  let validate = classValidators.get(cls);
  if (!validate) {
    validate = compiler().compile(jsonSchemaForClass(cls));
    classValidators.set(cls, validate);
  }
  const issues: ValidationIssue[] = [];
  if (!validate(value)) {
    for (const e of validate.errors ?? []) issues.push(mapAjvError(e, value));
  }
  walkRules(cls, value, issues);
  return issues.length === 0 ? issues : normalizeIssues(issues);
}

/**
 * Validates a value already through the guards and known to be of `type` with the compiled
 * validator and the cross-field rules. Returns the normalised issues (empty when valid).
 */
export function compiledIssues(type: EventType, value: Record<string, unknown>): ValidationIssue[] {
  const validate = validatorFor(type);
  const issues: ValidationIssue[] = [];
  if (!validate(value)) {
    for (const e of validate.errors ?? []) issues.push(mapAjvError(e, value));
  }
  walkRules(EVENT_REGISTRY[type].envelopeClass, value, issues);
  return issues.length === 0 ? issues : normalizeIssues(issues);
}
