// What the desk sees of a stored finding: the list without the personal fields, one finding in full.
import type { PatrolPlatform } from '@simpul/contracts';
import type { PersonVault } from '../identities/person-vault.js';
import { withheldFindingFields, type WithheldFindingField } from './patrol.rules.js';

/** Where a finding's personal fields live: each token is bound to its column and its row. */
export const FINDING_HANDLE_COLUMN = 'ministry_patrol_finding.account_handle_encrypted';
export const FINDING_PHONES_COLUMN = 'ministry_patrol_finding.phone_numbers_encrypted';

/** A finding's columns and its links now (`case_ids`, oldest link first), as FINDING_COLUMNS reads them. */
export interface FindingRow {
  id: string;
  event_id: string;
  recorded_at: Date;
  platform: PatrolPlatform;
  url: string;
  posted_at: Date | null;
  account_handle_encrypted: string | null;
  phone_numbers_encrypted: string | null;
  phone_count: number;
  company_name: string | null;
  destination_country: string | null;
  summary: string;
  region: string | null;
  recorded_by: string;
  case_ids: string[];
}

/** The select list of a FindingRow from `ministry_patrol_finding f`. */
export const FINDING_COLUMNS = `f.*, COALESCE((SELECT array_agg(l.case_id::text ORDER BY l.linked_at, l.case_id)
    FROM ministry_patrol_finding_case l WHERE l.finding_id = f.id), '{}') AS case_ids`;

/** A finding in a list: the ad, its company and region, its cases now; phone numbers counted, not shown. */
export interface FindingListItem {
  findingId: string;
  eventId: string;
  recordedAt: string;
  platform: PatrolPlatform;
  url: string;
  postedAt?: string;
  companyName?: string;
  destinationCountry?: string;
  /** Free text: may contain personal data (the list is an audited read). */
  summary: string;
  region?: string;
  /** The cases linked now (more than the event named, when police events linked later). */
  caseIds: string[];
  phoneNumberCount: number;
  /** Which personal fields the finding holds that the list leaves out (GET /v1/patrol/findings/:id shows them). */
  identifiersWithheld: WithheldFindingField[];
}

/** One finding in full: the list's fields with the account handle and phone numbers decrypted. */
export type FindingView = Omit<FindingListItem, 'identifiersWithheld'> & {
  accountHandle?: string;
  phoneNumbers?: string[];
  /** The desk unit that recorded it. */
  recordedBy: string;
};

export function findingListItem(row: FindingRow): FindingListItem {
  return {
    findingId: row.id,
    eventId: row.event_id,
    recordedAt: row.recorded_at.toISOString(),
    platform: row.platform,
    url: row.url,
    ...(row.posted_at ? { postedAt: row.posted_at.toISOString() } : {}),
    ...(row.company_name !== null ? { companyName: row.company_name } : {}),
    ...(row.destination_country !== null ? { destinationCountry: row.destination_country } : {}),
    summary: row.summary,
    ...(row.region !== null ? { region: row.region } : {}),
    caseIds: row.case_ids,
    phoneNumberCount: row.phone_count,
    identifiersWithheld: withheldFindingFields({
      phoneCount: row.phone_count,
      hasAccountHandle: row.account_handle_encrypted !== null,
    }),
  };
}

export function findingView(row: FindingRow, vault: PersonVault): FindingView {
  const { identifiersWithheld: _withheld, ...listed } = findingListItem(row);
  return {
    ...listed,
    ...(row.account_handle_encrypted !== null
      ? { accountHandle: vault.openField(row.account_handle_encrypted, FINDING_HANDLE_COLUMN, row.id) }
      : {}),
    ...(row.phone_numbers_encrypted !== null
      ? {
          phoneNumbers: JSON.parse(
            vault.openField(row.phone_numbers_encrypted, FINDING_PHONES_COLUMN, row.id),
          ) as string[],
        }
      : {}),
    recordedBy: row.recorded_by,
  };
}

/** The blind indexes of the listed findings' phone numbers: the subjects an audited read names. */
export const FINDING_SUBJECT_REFS_SQL = `SELECT DISTINCT phone_index AS ref FROM ministry_patrol_finding_phone
  WHERE finding_id = ANY ($1::uuid[]) ORDER BY 1`;
