/**
 * A copy of `value` with every string trimmed (JS `\s`), at any depth; other values unchanged.
 * Bodies are trimmed before validation: the contract forbids untrimmed strings (docs/contract.md).
 * Recursive: run it only on a body whose nesting the edge has bounded (see json-depth.ts).
 */
export function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      // defineProperty, not `out[key] =`: a `__proto__` key stays an own property (which the
      // contract rejects as unknown) instead of becoming the copy's prototype, whose properties
      // would then satisfy required fields.
      Object.defineProperty(out, key, {
        value: trimStrings(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

/** A JSON object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
