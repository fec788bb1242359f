// Validation issues: what both validation paths return, how paths are written, and the
// normalisation that makes the two paths report the same set for the same input.
import * as rules from '../rules/index.js';
import type { CrossFieldRule } from '../rules/rule.js';

/** One problem with an event: where (`data.suspects[3].person.nik`, '' for the root), which rule, and a message. */
export interface ValidationIssue {
  /** Path of the offending field: dots for properties, [n] for array indexes; '' is the whole event. */
  path: string;
  /** Stable camelCase rule name (`required`, `type`, `maxLength`, `nikMatchesSex`, ...). */
  rule: string;
  /** Human message naming the field and the rule; never contains a submitted value. */
  message: string;
}

/**
 * How every property of the contract is spelled (lower camelCase letters), plus the forbidden key
 * `__proto__`. A submitted key is echoed in a path only when it looks like this: any other key is
 * the caller's own text, which may be personal data (a body keyed by NIK, passport number or name),
 * and issue messages never carry personal data (docs/contract.md §9). Such keys show as `*`.
 */
const PROPERTY_NAME = /^(?:[a-z][A-Za-z]{0,39}|__proto__)$/;

/** Appends a property name to a path (`data` + `polda` → `data.polda`; other keys → `data.*`). */
export function childPath(path: string, key: string): string {
  const shown = PROPERTY_NAME.test(key) ? key : '*';
  return path === '' ? shown : `${path}.${shown}`;
}

/** Appends an array index to a path (`data.suspects` + 3 → `data.suspects[3]`). */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}

/** Writes a path from its steps (property names and array indexes); built only when reporting. */
export function pathOf(steps: readonly (string | number)[]): string {
  let path = '';
  for (const step of steps) path = typeof step === 'number' ? indexPath(path, step) : childPath(path, step);
  return path;
}

const RULE_TEXT: Record<string, string> = {
  json: 'is not valid JSON text in UTF-8',
  maxBytes: 'is larger than the maximum event size',
  maxDepth: 'is nested deeper than allowed',
  forbiddenKey: 'uses a forbidden key (__proto__, constructor, prototype or another Object.prototype name)',
  unknownProperty: 'is not a property of this type',
  required: 'is required',
  type: 'has the wrong JSON type',
  minLength: 'is shorter than allowed',
  maxLength: 'is longer than allowed',
  pattern: 'does not have the required format',
  enum: 'is not one of the allowed values',
  uuid: 'must be a UUID',
  dateTime:
    'must be an ISO 8601 date-time with a zone (e.g. 2025-07-05T03:12:00Z) between 1900-01-01T00:00:00Z and 2100-12-31T23:59:59Z',
  date: 'must be a real date YYYY-MM-DD',
  min: 'is below the minimum',
  max: 'is above the maximum',
  arrayMinSize: 'has fewer items than allowed',
  arrayMaxSize: 'has more items than allowed',
  unknownType: 'is not a known event type',
  trimmed: 'must not start or end with whitespace',
  internal: 'could not be validated (internal error)',
  tooManyErrors: 'has too many problems to list',
};

const ruleDescriptions: ReadonlyMap<string, string> = new Map(
  (Object.values(rules) as CrossFieldRule[]).map((r) => [r.name, r.description]),
);

/** Builds an issue; `detail` is a non-personal precision such as a limit ("at most 120"). */
export function issue(path: string, rule: string, detail?: string): ValidationIssue {
  const what = ruleDescriptions.get(rule) ?? RULE_TEXT[rule] ?? 'is invalid';
  const where = path === '' ? 'event' : path;
  return { path, rule, message: `${where}: ${what}${detail ? ` (${detail})` : ''} [${rule}]` };
}

/** True when a proper ancestor of `path` is in `paths` (walks the path's own prefixes: O(length)). */
function hasAncestorIn(path: string, paths: ReadonlySet<string>): boolean {
  if (path === '') return false;
  if (paths.has('')) return true;
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if ((c === '.' || c === '[') && paths.has(path.slice(0, i))) return true;
  }
  return false;
}

/** Most issues one event reports: a hostile 256 KiB body can hold tens of thousands. */
export const MAX_ISSUES = 100;

/**
 * Makes issue lists comparable across the two paths: a `type` error at a path stands for everything
 * at and below that path (a string is not also "too long" when it is not a string); duplicates go;
 * the order is by path then rule; at most MAX_ISSUES are kept (then one `tooManyErrors`).
 */
export function normalizeIssues(issues: ValidationIssue[]): ValidationIssue[] {
  const typed = new Set<string>();
  for (const i of issues) if (i.rule === 'type') typed.add(i.path);
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const i of issues) {
    if (i.rule !== 'type' && typed.has(i.path)) continue;
    if (typed.size > 0 && hasAncestorIn(i.path, typed)) continue;
    const key = `${i.path}\u0000${i.rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  out.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0,
  );
  if (out.length <= MAX_ISSUES) return out;
  const kept = out.slice(0, MAX_ISSUES);
  kept.push(issue('', 'tooManyErrors', `${out.length} problems, the first ${MAX_ISSUES} shown`));
  return kept;
}
