import type { ReferralOutcome, ReferralStatus } from './referral.rules.js';

/** A referral as the post and the desk see it: ids, checkpoint, state and times; no traveller details. */
export interface ReferralView {
  referralId: string;
  checkpoint: string;
  screeningId: string;
  entryId: string;
  caseId: string;
  /** The immigration.screening.matched.v1 event that opened it. */
  eventId: string;
  status: ReferralStatus;
  openedAt: string;
  /** Null while open. */
  outcome: ReferralOutcome | null;
  outcomeAt: string | null;
}

export interface ReferralRow {
  id: string;
  screening_id: string;
  checkpoint: string;
  entry_id: string;
  case_id: string;
  event_id: string;
  opened_at: Date;
  status: ReferralStatus;
  outcome: ReferralOutcome | null;
  outcome_at: Date | null;
}

/** The columns every read selects (never the encrypted note). */
export const REFERRAL_COLUMNS =
  'id, screening_id, checkpoint, entry_id, case_id, event_id, opened_at, status, outcome, outcome_at';

export function referralView(row: ReferralRow): ReferralView {
  return {
    referralId: row.id,
    checkpoint: row.checkpoint,
    screeningId: row.screening_id,
    entryId: row.entry_id,
    caseId: row.case_id,
    eventId: row.event_id,
    status: row.status,
    openedAt: row.opened_at.toISOString(),
    outcome: row.outcome,
    outcomeAt: row.outcome_at?.toISOString() ?? null,
  };
}
