// Validating one shape of the contract alone (a Person in a screening request, a Company), with
// the same compiled validator and cross-field rules as a whole event, without building a probe event.
import { Company } from './common/company.js';
import { Person } from './common/person.js';
import { Place } from './common/place.js';
import { compiledClassIssues } from './validation/compiled.js';
import { checkStructure } from './validation/guards.js';
import { issue, type ValidationIssue } from './validation/issues.js';

/** The shapes that can be validated alone, by the name their JSON Schema definition has. */
export const SHAPES = { Person, Company, Place } as const;

export type ShapeName = keyof typeof SHAPES;

/** The outcome of parseShape: the value, typed, or every problem with its path relative to the value. */
export type ShapeResult<N extends ShapeName> =
  { ok: true; value: InstanceType<(typeof SHAPES)[N]> } | { ok: false; issues: ValidationIssue[] };

/**
 * Validates `value` as the contract's `name` shape alone (`parseShape('Person', body.traveler)`):
 * nesting and forbidden keys first, then the schema (unknown properties rejected, no coercion), then
 * the shape's cross-field rules (a NIK agreeing with the date of birth and sex). Issue paths are
 * relative to the value (`nik`, `aliases[0]`; '' for the value itself): prefix them where the shape
 * sits. Never throws; does not modify the value.
 */
export function parseShape<N extends ShapeName>(name: N, value: unknown): ShapeResult<N> {
  try {
    const structural = checkStructure(value);
    if (structural.length > 0) return { ok: false, issues: structural };
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return { ok: false, issues: [issue('', 'type', 'expected object')] };
    }
    const issues = compiledClassIssues(SHAPES[name], value as Record<string, unknown>);
    return issues.length === 0
      ? { ok: true, value: value as InstanceType<(typeof SHAPES)[N]> }
      : { ok: false, issues };
  } catch {
    return { ok: false, issues: [issue('', 'internal')] };
  }
}
