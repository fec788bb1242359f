// How a cyber patrol finding meets cases, and what the desk may send and see (framework-free; see
// patrol.rules.spec.ts). Phone numbers reach these rules only as blind indexes.
import { normalisePhoneNumber, type PatrolPlatform } from '@simpul/contracts';
import type { ValidationIssue } from '@simpul/http';
import type { AlertDecision } from '../alerts/alert.rules.js';
import { normaliseCompanyName } from '../companies/company.rules.js';

/** Fields of ministry.patrol.finding.recorded.v1 the ministry sets: a body that sends one is refused. */
export const GENERATED_FINDING_FIELDS = ['findingId', 'recordedAt', 'caseIds'] as const;

/** The contract's bound on `caseIds`: the event names at most this many of the cases linked when recorded. */
export const MAX_EVENT_CASE_IDS = 100;

/**
 * What links a finding and a case: `phone`, the blind index of a phone number (a suspect's or
 * candidate's on the case side, the ad's on the finding side); `company`, a placement company's
 * name as the company register normalises it.
 */
export interface PatrolKey {
  kind: 'phone' | 'company';
  value: string;
}

/** The keys of a finding or of a case's parties, deduplicated; a company name that normalises to nothing gives none. */
export function patrolKeys(input: {
  phoneIndexes?: readonly string[];
  companyNames?: ReadonlyArray<string | undefined>;
}): PatrolKey[] {
  const keys: PatrolKey[] = [];
  const seen = new Set<string>();
  const add = (kind: PatrolKey['kind'], value: string) => {
    const id = `${kind}\u001f${value}`;
    if (value === '' || seen.has(id)) return;
    seen.add(id);
    keys.push({ kind, value });
  };
  for (const index of input.phoneIndexes ?? []) add('phone', index);
  // The company register's normalisation: "PT. Sinar  Jaya" and "SINAR JAYA" are one company.
  for (const name of input.companyNames ?? []) if (name) add('company', normaliseCompanyName(name));
  return keys;
}

/**
 * The advisory-lock keys of patrol keys, under kinds of their own (`patrol_phone`, `patrol_company`)
 * so they never share a lock with a case link key: recording a finding and linking a police event
 * take the locks of the keys they share, so whichever commits second sees the other's rows.
 */
export function patrolLockKeys(keys: readonly PatrolKey[]): Array<{ kind: string; value: string }> {
  return keys.map((k) => ({ kind: `patrol_${k.kind}`, value: k.value }));
}

/**
 * The alert a finding raises on a case it links to, when the case has an active watchlist entry:
 * high (the people behind a live ad are wanted or their recruits protected). Counts and codes only:
 * never a phone number, handle, URL or company name.
 */
export function alertForPatrolFinding(input: {
  platform: PatrolPlatform | string;
  region: string;
  activeEntries: number;
}): AlertDecision {
  return {
    kind: 'patrol_finding',
    severity: 'high',
    region: input.region,
    summary: `Cyber patrol finding (${input.platform}) linked to this case, which has ${input.activeEntries} active watchlist entr${input.activeEntries === 1 ? 'y' : 'ies'}.`,
  };
}

/** The fact an alert for (finding, case) is keyed by: one alert per finding and case, whichever side linked them. */
export function patrolAlertFact(findingId: string, caseId: string): string {
  return `${findingId}\u001f${caseId}`;
}

/**
 * `?phone=` of a search, normalised as the HTTP edges normalise body phone numbers: the E.164
 * number, undefined when absent, or the problem (naming the parameter and the rule, never the value).
 */
export function readPhoneQuery(value: unknown): { phone?: string } | { problem: ValidationIssue } {
  if (value === undefined || value === '') return {};
  const phone = typeof value === 'string' ? normalisePhoneNumber(value) : undefined;
  if (phone === undefined) {
    return {
      problem: {
        path: 'phone',
        rule: 'phoneNumber',
        message: 'phone: must be a phone number (E.164, or 08…, 62…) [phoneNumber]',
      },
    };
  }
  return { phone };
}

/** The personal fields of a finding a list leaves out (GET /v1/patrol/findings/:id shows them, audited). */
export type WithheldFindingField = 'phoneNumbers' | 'accountHandle';

export function withheldFindingFields(stored: {
  phoneCount: number;
  hasAccountHandle: boolean;
}): WithheldFindingField[] {
  return [
    ...(stored.phoneCount > 0 ? ['phoneNumbers' as const] : []),
    ...(stored.hasAccountHandle ? ['accountHandle' as const] : []),
  ];
}
