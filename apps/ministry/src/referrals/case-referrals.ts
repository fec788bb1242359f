import type { DataSource } from 'typeorm';
import { REFERRAL_COLUMNS, referralView, type ReferralRow, type ReferralView } from './referral.view.js';

/** A referral on its case's timeline (GET /v1/cases/:id): the case is the page's own. */
export type CaseReferral = Omit<ReferralView, 'caseId'>;

/** The case's referrals, oldest first, with their outcomes. */
export async function referralsOfCase(dataSource: DataSource, caseId: string): Promise<CaseReferral[]> {
  const rows: ReferralRow[] = await dataSource.query(
    `SELECT ${REFERRAL_COLUMNS} FROM ministry_referral WHERE case_id = $1 ORDER BY opened_at, id`,
    [caseId],
  );
  return rows.map((row) => {
    const { caseId: _case, ...rest } = referralView(row);
    return rest;
  });
}
