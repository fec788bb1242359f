// Which patrol findings a police deployment keeps as leads, and what a Polda sees of them (docs/contract.md §13).
import type { MinistryPatrolFindingRecordedV1 } from '@simpul/contracts';

/** A lead as stored: the finding's data as published, keyed by its id, filed under its Polda. */
export interface LeadRow {
  findingId: string;
  eventId: string;
  region: string;
  recordedAt: string;
  data: MinistryPatrolFindingRecordedV1;
}

/**
 * The row to keep for a finding, or undefined when its region is not a Polda this deployment
 * serves (another Polda's, or no region at all: nobody's lead).
 */
export function leadToKeep(
  eventId: string,
  data: MinistryPatrolFindingRecordedV1,
  serves: (code: string) => boolean,
): LeadRow | undefined {
  if (!data.region || !serves(data.region)) return undefined;
  return { findingId: data.findingId, eventId, region: data.region, recordedAt: data.recordedAt, data };
}

/** One lead as GET /v1/leads lists it: every field of the finding, `caseIds` as the ministry named them. */
export interface LeadView {
  findingId: string;
  eventId: string;
  recordedAt: string;
  platform: string;
  url: string;
  postedAt?: string;
  accountHandle?: string;
  phoneNumbers?: string[];
  companyName?: string;
  destinationCountry?: string;
  summary: string;
  region: string;
  caseIds: string[];
}

export function leadView(row: {
  event_id: string;
  region: string;
  data: MinistryPatrolFindingRecordedV1;
}): LeadView {
  const d = row.data;
  return {
    findingId: d.findingId,
    eventId: row.event_id,
    recordedAt: d.recordedAt,
    platform: d.platform,
    url: d.url,
    ...(d.postedAt !== undefined ? { postedAt: d.postedAt } : {}),
    ...(d.accountHandle !== undefined ? { accountHandle: d.accountHandle } : {}),
    ...(d.phoneNumbers !== undefined ? { phoneNumbers: d.phoneNumbers } : {}),
    ...(d.companyName !== undefined ? { companyName: d.companyName } : {}),
    ...(d.destinationCountry !== undefined ? { destinationCountry: d.destinationCountry } : {}),
    summary: d.summary,
    region: row.region,
    caseIds: d.caseIds ?? [],
  };
}
