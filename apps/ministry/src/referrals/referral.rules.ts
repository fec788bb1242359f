// P4MI referrals: when one opens, what the post's list and outcome requests must be (framework-free;
// see referral.rules.spec.ts).
import {
  childPath,
  UNIT_CODE_PATTERN,
  type ScreeningDecision,
  type ValidationIssue,
} from '@simpul/contracts';

/** What the P4MI service post did with a referred traveller. */
export const REFERRAL_OUTCOMES = ['counselled', 'returned_home', 'placed_procedurally', 'declined'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export type ReferralStatus = 'open' | 'closed';

/** `?status=` of GET /v1/referrals; a post works its open referrals, so that is the default. */
export const REFERRAL_STATUS_FILTERS = ['open', 'closed', 'all'] as const;
export type ReferralStatusFilter = (typeof REFERRAL_STATUS_FILTERS)[number];

export const DEFAULT_REFERRAL_LIMIT = 500;
export const MAX_REFERRAL_LIMIT = 5000;
/** As the checkpoints bound an officer id (immigration's screening outcome). */
export const OFFICER_MAX = 120;
export const NOTE_MAX = 1000;
/** As the contract bounds a unit code (UnitCode). */
const UNIT_CODE_MAX = 40;

/**
 * Whether a checkpoint match opens a referral: a `refer` on a protective entry (a likely victim,
 * sent to the interview and the P4MI post). A `deny`, or any match on a cegah, dpo or advisory
 * entry, is the police's or the checkpoint's business, not the post's.
 */
export function opensReferral(decision: ScreeningDecision, legalType: string | undefined): boolean {
  return decision === 'refer' && legalType === 'protective';
}

export interface ReferralsQuery {
  checkpoint?: string;
  status: ReferralStatusFilter;
  limit: number;
}

export interface OutcomeRequest {
  outcome: ReferralOutcome;
  /** The post's officer id (not a name). */
  officer: string;
  /** Free text; may name people, so it is stored only encrypted and never logged or echoed. */
  note?: string;
}

export type Read<T> = { value: T; problems: [] } | { problems: ValidationIssue[] };

function problem(path: string, rule: string, what: string): ValidationIssue {
  return { path, rule, message: `${path || 'body'}: ${what} [${rule}]` };
}

/** Code points, as the contract counts lengths. */
function length(text: string): number {
  return [...text].length;
}

/**
 * The list's query, or every problem with it (parameter and rule, never the value): `checkpoint` a
 * unit code, `status` open (default), closed or all, `limit` 1-5000 (default 500). Which names are
 * allowed at all is the route's `@ApiQuery` list.
 */
export function readReferralsQuery(query: Record<string, unknown>): Read<ReferralsQuery> {
  const problems: ValidationIssue[] = [];
  const { checkpoint, status, limit } = query;
  const given = (v: unknown): boolean => v !== undefined && v !== '';
  if (
    given(checkpoint) &&
    (typeof checkpoint !== 'string' ||
      length(checkpoint) > UNIT_CODE_MAX ||
      !UNIT_CODE_PATTERN.test(checkpoint))
  ) {
    problems.push(problem('checkpoint', 'pattern', 'must be a checkpoint code (batam-center)'));
  }
  if (
    given(status) &&
    (typeof status !== 'string' || !(REFERRAL_STATUS_FILTERS as readonly string[]).includes(status))
  ) {
    problems.push(problem('status', 'enum', `must be one of ${REFERRAL_STATUS_FILTERS.join(', ')}`));
  }
  const n = typeof limit === 'string' && /^\d+$/.test(limit) ? Number(limit) : NaN;
  if (given(limit) && (!Number.isSafeInteger(n) || n < 1 || n > MAX_REFERRAL_LIMIT)) {
    problems.push(problem('limit', 'range', `must be an integer 1-${MAX_REFERRAL_LIMIT}`));
  }
  if (problems.length > 0) return { problems };
  return {
    value: {
      ...(given(checkpoint) ? { checkpoint: checkpoint as string } : {}),
      status: given(status) ? (status as ReferralStatusFilter) : 'open',
      limit: given(limit) ? n : DEFAULT_REFERRAL_LIMIT,
    },
    problems: [],
  };
}

/**
 * The outcome request (strings already trimmed), or every problem with it: `outcome` one of
 * REFERRAL_OUTCOMES, `officer` 1-120 characters, `note` at most 1000, nothing else.
 */
export function readOutcomeRequest(body: Record<string, unknown>): Read<OutcomeRequest> {
  const problems: ValidationIssue[] = [];
  const { outcome, officer, note } = body;
  if (outcome === undefined || outcome === null) problems.push(problem('outcome', 'required', 'is required'));
  else if (typeof outcome !== 'string' || !(REFERRAL_OUTCOMES as readonly string[]).includes(outcome))
    problems.push(problem('outcome', 'enum', `must be one of ${REFERRAL_OUTCOMES.join(', ')}`));
  if (officer === undefined || officer === null) problems.push(problem('officer', 'required', 'is required'));
  else if (typeof officer !== 'string') problems.push(problem('officer', 'type', 'must be a string'));
  else if (officer.length === 0) problems.push(problem('officer', 'minLength', 'must not be empty'));
  else if (length(officer) > OFFICER_MAX)
    problems.push(problem('officer', 'maxLength', `must be at most ${OFFICER_MAX} characters`));
  if (note !== undefined && note !== null) {
    if (typeof note !== 'string') problems.push(problem('note', 'type', 'must be a string'));
    else if (length(note) > NOTE_MAX)
      problems.push(problem('note', 'maxLength', `must be at most ${NOTE_MAX} characters`));
  }
  for (const key of Object.keys(body)) {
    if (key === 'outcome' || key === 'officer' || key === 'note') continue;
    // The key is the caller's text and may be personal data: shown only if shaped like a property name.
    const path = childPath('', key);
    problems.push(problem(path, 'unknownProperty', 'is not allowed'));
  }
  if (problems.length > 0) return { problems };
  return {
    value: {
      outcome: outcome as ReferralOutcome,
      officer: officer as string,
      ...(typeof note === 'string' && note.length > 0 ? { note } : {}),
    },
    problems: [],
  };
}
