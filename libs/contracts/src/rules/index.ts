export type { CrossFieldRule, CrossFieldRuleName } from './rule.js';
export { nikMatchesDateOfBirth, nikMatchesSex, nikStructure } from './nik.rules.js';
export { candidateCountCoversCandidates } from './interception.rules.js';
export {
  cegahMaxDuration,
  cegahRequiresDecisionNumber,
  delayMaxDuration,
  dueByAfterDispatchedAt,
  effectiveUntilAfterEffectiveFrom,
  protectiveMaxDuration,
  validUntilAfterOccurredAt,
  validUntilAfterValidFrom,
} from './validity.rules.js';
export { sourceNamesUnit } from './envelope.rules.js';
