/** The services' answers the console reads (docs/contract.md §6). */
export interface ScreeningMatch {
  entryId: string;
  entryVersion: number;
  legalType: string;
  action: string;
  score: number;
  effect?: string;
  reasons: string[];
}

export interface ScreeningResult {
  screeningId: string;
  decision: 'clear' | 'refer' | 'deny';
  matches: ScreeningMatch[];
  reasons?: string[];
  delaysElsewhere?: { delayId: string; checkpoint: string; validUntil: string }[];
  watchlist: { sequence: number; asOf: string | null };
}

export interface OutcomeResult {
  screeningId: string;
  outcome: string;
  delayId?: string;
  eventId?: string;
  validUntil?: string;
}

export interface ReplicaStatus {
  entries: number;
  lastSequence: number;
  lastAppliedAt: string | null;
  lagSeconds: number;
  consumerPending?: number;
  site?: {
    id: string;
    leaf: boolean;
    link: 'up' | 'down' | string;
    replicaLag?: { entries: number; seconds: number };
    waitingForHub?: number;
  };
}

export interface Alert {
  alertId: string;
  caseId: string;
  severity: 'low' | 'medium' | 'high' | 'critical';
  kind: string;
  region: string;
  summary: string;
  sourceEventIds: string[];
  status: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface CaseEvent {
  eventId: string;
  type: string;
  occurredAt: string;
  source?: string;
}

export interface CaseView {
  id: string;
  region: string;
  openedAt: string;
  openedByEventId: string;
  reportNumbers: string[];
  interceptionIds: string[];
  events: CaseEvent[];
  alertIds: string[];
  watchlistEntryIds: string[];
  /** The field work on the case (DESIGN §13), when the ministry answers them. */
  patrolFindings?: CasePatrolFinding[];
  dispatches?: Dispatch[];
  referrals?: Referral[];
}

export interface Person {
  fullName: string;
  nik?: string;
  passportNumber?: string;
  dateOfBirth?: string;
  sex?: 'M' | 'F';
  aliases?: string[];
  nationality?: string;
}

export interface WatchlistEntry {
  entryId: string;
  version: number;
  legalType: string;
  action: string;
  person: Person;
  reason: string;
  issuedBy: string;
  decisionNumber?: string;
  validFrom: string;
  validUntil: string;
  caseId?: string;
  origin?: { unit: string; eventId: string; personId?: string };
  status: 'active' | 'revoked' | 'expired';
  revokedAt: string | null;
  identifiersWithheld: string[];
  /** The ministry's warnings on the entry (ADR 0013): `insufficient_identification` for a one-word name with nothing else. */
  warnings?: string[];
}

export interface Company {
  companyId: string;
  name: string;
  licenseNumber?: string;
  sourceEventIds: string[];
  firstSeenAt: string;
  sanctions: {
    sanctionId: string;
    sanction: string;
    effectiveFrom: string;
    effectiveUntil: string | null;
    eventId: string;
  }[];
}

/** A field-work figure beside prevented departures (victims assisted, returned home), with its events. */
export interface FieldWorkFigure {
  total: number;
  groups: { key: string; count: number; eventIds: string[] }[];
}

export interface PreventedDepartures {
  groupBy: 'polda' | 'checkpoint' | 'month';
  total?: number;
  groups: { key: string; prevented: number; eventIds: string[] }[];
  assisted?: FieldWorkFigure;
  returnedHome?: FieldWorkFigure;
}

export interface CheckpointMatch {
  matchId?: string;
  eventId?: string;
  screeningId?: string;
  checkpoint: string;
  decision: string;
  matchedAt?: string;
  occurredAt?: string;
  [field: string]: unknown;
}

/**
 * A cyber patrol finding in the ministry's list (GET /v1/patrol/findings, DESIGN §13): its personal
 * fields (account handle, phone numbers) withheld, counted and named.
 */
export interface PatrolFinding {
  findingId: string;
  eventId: string;
  recordedAt: string;
  platform: string;
  url: string;
  postedAt?: string;
  companyName?: string;
  destinationCountry?: string;
  summary: string;
  region?: string;
  /** The cases linked now. */
  caseIds: string[];
  phoneNumberCount: number;
  identifiersWithheld: ('phoneNumbers' | 'accountHandle')[];
}

/** One finding in full (GET /v1/patrol/findings/:id, an audited read). */
export type PatrolFindingView = Omit<PatrolFinding, 'identifiersWithheld'> & {
  accountHandle?: string;
  phoneNumbers?: string[];
  recordedBy: string;
};

/** A finding linked to a case (GET /v1/cases/:id): ids and times only. */
export interface CasePatrolFinding {
  findingId: string;
  eventId: string;
  linkedAt: string;
  /** The event that made the link: the finding's own, or a later arrest or interception. */
  linkedByEventId: string;
}

/** A rapid response team sent on an alert (GET /v1/dispatches). */
export interface Dispatch {
  dispatchId: string;
  alertId: string;
  caseId: string;
  team: string;
  dispatchedAt: string;
  dueBy: string;
  status: 'open' | 'reported' | string;
  /** Open and past its due time, by the ministry's clock. */
  overdue: boolean;
  /** On the case only (GET /v1/cases/:id): the dispatch's event and the team's report. */
  eventId?: string;
  report?: DispatchReport | null;
}

/** A team's report as the case shows it (the note is never returned). */
export interface DispatchReport {
  outcome: string;
  victimsAssisted: number | null;
  reportedAt: string;
}

/** A P4MI referral opened by a checkpoint's refer on a protective entry (GET /v1/referrals). */
export interface Referral {
  referralId: string;
  checkpoint: string;
  screeningId: string;
  entryId: string;
  caseId: string;
  /** The checkpoint's match event that opened it. */
  eventId: string;
  status: 'open' | 'closed' | string;
  openedAt: string;
  /** Null while open. */
  outcome: string | null;
  outcomeAt: string | null;
}

/** A patrol finding received by a police deployment as a lead (GET /v1/leads at the police). */
export type Lead = Omit<PatrolFindingView, 'recordedBy' | 'phoneNumberCount'> & { region: string };
