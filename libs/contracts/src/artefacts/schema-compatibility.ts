/**
 * Compares a published JSON Schema of an event with the one the current classes generate and lists
 * every change that would break a consumer or a producer holding the published version
 * (docs/contract.md §5, docs/conventions.md §1: a published version changes only by adding optional fields).
 *
 * Breaking: a property removed (which is also what a rename looks like), its type or format
 * changed, an optional property made required or a new required one, an enum value removed,
 * a bound tightened (min up, max down, a pattern changed), a nested shape changed the same way.
 * Compatible: a new optional property, a bound loosened, an enum widened, a description changed.
 */

type Schema = Record<string, unknown>;

export interface CompatibilityProblem {
  /** Where the change is, as a property path in the event (`data.suspects[].person.nik`). */
  path: string;
  /** What kind of break: stable names, used by tests and shown by `simpul schema check`. */
  rule:
    | 'propertyRemoved'
    | 'typeChanged'
    | 'formatChanged'
    | 'madeRequired'
    | 'enumNarrowed'
    | 'boundTightened'
    | 'patternChanged'
    | 'constChanged'
    | 'additionalPropertiesClosed';
  message: string;
}

/** Lower bounds: a larger new value rejects data the old schema accepted. */
const LOWER_BOUNDS = ['minLength', 'minItems', 'minimum', 'exclusiveMinimum', 'minProperties'] as const;
/** Upper bounds: a smaller new value rejects data the old schema accepted. */
const UPPER_BOUNDS = ['maxLength', 'maxItems', 'maximum', 'exclusiveMaximum', 'maxProperties'] as const;

export function compareSchemas(published: Schema, current: Schema): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  compareNode(resolver(published), resolver(current), published, current, '', problems, new Set());
  return problems;
}

type Resolve = (node: Schema) => Schema;

/** Follows local `$ref`s (`#/$defs/Person`, `#/definitions/Person`) within one document. */
function resolver(root: Schema): Resolve {
  return (node) => {
    let current = node;
    for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
      const ref = current.$ref as string;
      if (!ref.startsWith('#/')) break;
      let target: unknown = root;
      for (const part of ref.slice(2).split('/')) {
        target = (target as Schema | undefined)?.[
          decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))
        ];
      }
      if (typeof target !== 'object' || target === null) break;
      current = target as Schema;
    }
    return current;
  };
}

function compareNode(
  resolveOld: Resolve,
  resolveNew: Resolve,
  oldRaw: Schema,
  newRaw: Schema,
  path: string,
  problems: CompatibilityProblem[],
  seen: Set<string>,
): void {
  const oldNode = resolveOld(oldRaw);
  const newNode = resolveNew(newRaw);
  const key = `${path}|${String(oldRaw.$ref ?? '')}|${String(newRaw.$ref ?? '')}`;
  if (seen.has(key)) return; // recursive shapes: each pair once
  seen.add(key);
  const at = path || '(root)';

  const oldTypes = typesOf(oldNode);
  const newTypes = typesOf(newNode);
  if (
    oldTypes &&
    (!newTypes ||
      !oldTypes.every((t) => newTypes.includes(t) || (t === 'integer' && newTypes.includes('number'))))
  ) {
    problems.push({
      path: at,
      rule: 'typeChanged',
      message: `type ${oldTypes.join('|')} became ${newTypes?.join('|') ?? 'any'}`,
    });
    return;
  }
  if (oldNode.format !== newNode.format && newNode.format !== undefined) {
    problems.push({
      path: at,
      rule: 'formatChanged',
      message: `format ${String(oldNode.format)} became ${String(newNode.format)}`,
    });
  }
  if (newNode.pattern !== undefined && oldNode.pattern !== newNode.pattern) {
    problems.push({ path: at, rule: 'patternChanged', message: `pattern changed` });
  }
  if (newNode.const !== undefined && JSON.stringify(oldNode.const) !== JSON.stringify(newNode.const)) {
    problems.push({
      path: at,
      rule: 'constChanged',
      message: `constant ${JSON.stringify(oldNode.const)} became ${JSON.stringify(newNode.const)}`,
    });
  }
  if (Array.isArray(newNode.enum)) {
    const allowed = new Set(newNode.enum.map((v) => JSON.stringify(v)));
    const removed = Array.isArray(oldNode.enum)
      ? oldNode.enum.filter((v) => !allowed.has(JSON.stringify(v)))
      : ['(any)'];
    if (removed.length > 0) {
      problems.push({
        path: at,
        rule: 'enumNarrowed',
        message: `enum no longer allows ${removed.map((v) => JSON.stringify(v)).join(', ')}`,
      });
    }
  }
  for (const bound of LOWER_BOUNDS) {
    const before = oldNode[bound] as number | undefined;
    const after = newNode[bound] as number | undefined;
    if (after !== undefined && (before === undefined || after > before)) {
      problems.push({
        path: at,
        rule: 'boundTightened',
        message: `${bound} ${before ?? 'none'} became ${after}`,
      });
    }
  }
  for (const bound of UPPER_BOUNDS) {
    const before = oldNode[bound] as number | undefined;
    const after = newNode[bound] as number | undefined;
    if (after !== undefined && (before === undefined || after < before)) {
      problems.push({
        path: at,
        rule: 'boundTightened',
        message: `${bound} ${before ?? 'none'} became ${after}`,
      });
    }
  }

  const oldProps = (oldNode.properties ?? {}) as Record<string, Schema>;
  const newProps = (newNode.properties ?? {}) as Record<string, Schema>;
  const oldRequired = new Set((oldNode.required ?? []) as string[]);
  const newRequired = new Set((newNode.required ?? []) as string[]);
  for (const name of Object.keys(oldProps)) {
    const childPath = path ? `${path}.${name}` : name;
    if (!(name in newProps)) {
      problems.push({ path: childPath, rule: 'propertyRemoved', message: `property removed or renamed` });
      continue;
    }
    compareNode(resolveOld, resolveNew, oldProps[name], newProps[name], childPath, problems, seen);
  }
  for (const name of newRequired) {
    if (!oldRequired.has(name)) {
      problems.push({
        path: path ? `${path}.${name}` : name,
        rule: 'madeRequired',
        message: `property is now required`,
      });
    }
  }
  if (
    oldNode.additionalProperties !== false &&
    newNode.additionalProperties === false &&
    Object.keys(oldProps).length > 0
  ) {
    problems.push({
      path: at,
      rule: 'additionalPropertiesClosed',
      message: `unknown properties are now rejected`,
    });
  }
  if (
    typeof oldNode.items === 'object' &&
    oldNode.items !== null &&
    typeof newNode.items === 'object' &&
    newNode.items !== null
  ) {
    compareNode(
      resolveOld,
      resolveNew,
      oldNode.items as Schema,
      newNode.items as Schema,
      `${path}[]`,
      problems,
      seen,
    );
  }
}

function typesOf(node: Schema): string[] | undefined {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type as string[];
  return undefined;
}
