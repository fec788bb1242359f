import type { ValidationIssue } from '../errors/api-error.js';

/**
 * Deepest nesting of arrays and objects a request body may have. The contract's deepest shape is
 * far shallower (docs/contract.md); the bound exists so that the recursive steps after the edge
 * (trimming, canonical JSON, validation) can never overflow the stack.
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether `value` nests arrays and objects deeper than `max` levels (`[]` and `{}` are level 1).
 * Iterative, with an explicit stack: it must itself survive the 150,000 levels a 300 kb body can hold.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth + 1 > max) return true;
    const children = Array.isArray(node) ? node : Object.values(node);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}

/** The problem of a body nested deeper than MAX_JSON_DEPTH, or undefined. */
export function nestingProblem(body: unknown): ValidationIssue | undefined {
  if (!nestsDeeperThan(body, MAX_JSON_DEPTH)) return undefined;
  return {
    path: '',
    rule: 'maxDepth',
    message: `body: arrays and objects may nest at most ${MAX_JSON_DEPTH} levels deep [maxDepth]`,
  };
}
