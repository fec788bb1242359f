/**
 * The contract's enumerations the forms offer. They are copied, not imported: @simpul/contracts
 * brings class-validator and decorators into a page that needs only these words. A unit test
 * (contract-values.spec.ts) holds them equal to the contract's own lists.
 */
export const SEXES = ['M', 'F'] as const;
export const SUSPECT_STATUSES = ['detained', 'at_large', 'released'] as const;
export const SUSPECT_ROLES = [
  'broker',
  'recruiter',
  'transporter',
  'boatman',
  'document_forger',
  'company_official',
  'financier',
  'coordinator',
  'other',
] as const;
export const WATCHLIST_LEGAL_TYPES = ['cegah', 'dpo', 'advisory', 'protective'] as const;
export const WATCHLIST_ACTIONS = ['deny_departure', 'refer', 'monitor'] as const;
export const COMPANY_SANCTIONS = ['warning', 'suspension', 'revocation'] as const;
export const STATED_PURPOSES = [
  'tourism',
  'pilgrimage',
  'internship',
  'family_visit',
  'work',
  'other',
] as const;
export const OUTCOMES = ['departure_delayed', 'cleared', 'false_positive'] as const;
export const REIDENTIFY_PURPOSES = [
  'victim_protection',
  'investigation',
  'court_order',
  'data_subject_request',
] as const;
/** Purposes the desk states for reading watchlist entries (audited reads; any lower-case word is valid). */
export const READ_PURPOSES = ['case_handling', 'watchlist_review', 'data_subject_request'] as const;
