import { describe, expect, it } from '@jest/globals';
import { MAX_JSON_DEPTH, nestingProblem, nestsDeeperThan } from './json-depth.js';

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not scalars', () => {
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan([], 1)).toBe(false);
    expect(nestsDeeperThan([[]], 1)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('survives the 150,000 levels a 300 kb body can hold (no recursion)', () => {
    const deep = JSON.parse(`${'['.repeat(150_000)}${']'.repeat(150_000)}`) as unknown;
    expect(nestsDeeperThan(deep, MAX_JSON_DEPTH)).toBe(true);
  });
});

describe('nestingProblem', () => {
  it('names the rule for a body past the bound and nothing for one at it', () => {
    const at = JSON.parse(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`) as unknown;
    expect(nestingProblem(at)).toBeUndefined();
    expect(nestingProblem([at])).toMatchObject({ path: '', rule: 'maxDepth' });
  });
});
