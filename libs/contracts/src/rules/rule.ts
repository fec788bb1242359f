// A cross-field rule: a pure predicate over the object that holds the decorated property.
// Both validation paths run the same predicate (the class-validator path through the `@Enforce`
// decorator, the compiled path through a walk over the class metadata), so they cannot drift.

/** Stable names of the cross-field rules (the `rule` of a ValidationIssue). */
export type CrossFieldRuleName =
  | 'nikStructure'
  | 'nikMatchesDateOfBirth'
  | 'nikMatchesSex'
  | 'candidateCountCoversCandidates'
  | 'cegahRequiresDecisionNumber'
  | 'cegahMaxDuration'
  | 'protectiveMaxDuration'
  | 'validUntilAfterValidFrom'
  | 'validUntilAfterOccurredAt'
  | 'delayMaxDuration'
  | 'effectiveUntilAfterEffectiveFrom'
  | 'dueByAfterDispatchedAt'
  | 'sourceNamesUnit';

export interface CrossFieldRule {
  readonly name: CrossFieldRuleName;
  /** One sentence for error messages and the schema's `x-simpul-rules`; never mentions a value. */
  readonly description: string;
  /**
   * True when the holder satisfies the rule or the rule does not apply. Must be defensive: when a
   * field it reads has the wrong type or is missing, it returns true and leaves that to the
   * field's own checks, so a rule never reports what a structural check already reports.
   */
  check(holder: Readonly<Record<string, unknown>>): boolean;
}

/** Reads a field of an object of unknown shape. */
export function field(holder: unknown, key: string): unknown {
  return typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[key] : undefined;
}
