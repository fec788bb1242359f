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
/** Where the cyber patrol saw an ad (ministry.patrol.finding.recorded.v1, DESIGN §13). */
export const PATROL_PLATFORMS = [
  'facebook',
  'instagram',
  'tiktok',
  'whatsapp',
  'telegram',
  'x',
  'website',
  'other',
] as const;
/** What a rapid response team reports when it is back (POST /v1/dispatches/:id/report). */
export const DISPATCH_OUTCOMES = ['victims_assisted', 'referred_to_police', 'no_action'] as const;
/** What a P4MI service post records for a referral (POST /v1/referrals/:id/outcome). */
export const REFERRAL_OUTCOMES = ['counselled', 'returned_home', 'placed_procedurally', 'declined'] as const;
/** The referral list's `?status=`: what the post still has to see, what it has closed, or both. */
export const REFERRAL_STATUS_FILTERS = ['open', 'closed', 'all'] as const;
/** Purposes the desk states for reading patrol findings by phone number (audited reads). */
export const PATROL_READ_PURPOSES = ['investigation', 'case_handling'] as const;
