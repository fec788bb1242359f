// The registry of every event type: its data class, agency, NATS subject and unit field
// (docs/contract.md §3, §5). Adding a type (or a v2 beside a v1) means one entry here and one file.
import { UNIT_CODE_PATTERN } from './common/patterns.js';
import { type CloudEventEnvelope, envelopeClassFor } from './envelope/envelope.js';
import { checkpointSource, isMinistrySource, poldaSource } from './envelope/units.js';
import { POLICE_ARREST_RECORDED_V1, PoliceArrestRecordedV1 } from './police/arrest-recorded.v1.js';
import { POLICE_DEPARTURE_FOILED_V1, PoliceDepartureFoiledV1 } from './police/departure-foiled.v1.js';
import { MINISTRY_ALERT_RAISED_V1, MinistryAlertRaisedV1 } from './ministry/alert-raised.v1.js';
import {
  MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
  MinistryWatchlistEntryIssuedV1,
} from './ministry/watchlist-entry-issued.v1.js';
import {
  MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
  MinistryWatchlistEntryRevokedV1,
} from './ministry/watchlist-entry-revoked.v1.js';
import {
  MINISTRY_COMPANY_SANCTIONED_V1,
  MinistryCompanySanctionedV1,
} from './ministry/company-sanctioned.v1.js';
import {
  MINISTRY_PATROL_FINDING_RECORDED_V1,
  MinistryPatrolFindingRecordedV1,
} from './ministry/patrol-finding-recorded.v1.js';
import {
  MINISTRY_RESPONSE_DISPATCHED_V1,
  MinistryResponseDispatchedV1,
} from './ministry/response-dispatched.v1.js';
import {
  IMMIGRATION_SCREENING_MATCHED_V1,
  ImmigrationScreeningMatchedV1,
} from './immigration/screening-matched.v1.js';
import {
  IMMIGRATION_DEPARTURE_DELAYED_V1,
  ImmigrationDepartureDelayedV1,
} from './immigration/departure-delayed.v1.js';

/** The `data` class of every event type. */
export interface EventDataMap {
  'police.arrest.recorded.v1': PoliceArrestRecordedV1;
  'police.departure.foiled.v1': PoliceDepartureFoiledV1;
  'ministry.alert.raised.v1': MinistryAlertRaisedV1;
  'ministry.watchlist.entry.issued.v1': MinistryWatchlistEntryIssuedV1;
  'ministry.watchlist.entry.revoked.v1': MinistryWatchlistEntryRevokedV1;
  'ministry.company.sanctioned.v1': MinistryCompanySanctionedV1;
  'ministry.patrol.finding.recorded.v1': MinistryPatrolFindingRecordedV1;
  'ministry.response.dispatched.v1': MinistryResponseDispatchedV1;
  'immigration.screening.matched.v1': ImmigrationScreeningMatchedV1;
  'immigration.departure.delayed.v1': ImmigrationDepartureDelayedV1;
}

export type EventType = keyof EventDataMap;

/** A whole event (envelope and data) of type T. */
export type SimpulEvent<T extends EventType = EventType> = CloudEventEnvelope<T, EventDataMap[T]>;

/** Any Simpul event: a union discriminated by `type`. */
export type AnyEvent = { [T in EventType]: SimpulEvent<T> }[EventType];

export type Agency = 'police' | 'ministry' | 'immigration';

/** Which `data` field holds the unit token of the subject. */
export type UnitField = 'polda' | 'checkpoint' | null;

export interface EventTypeInfo<T extends EventType = EventType> {
  type: T;
  agency: Agency;
  /** The data class (class-validator decorated): the source of truth of the contract. */
  dataClass: new () => EventDataMap[T];
  /** The envelope class of this type, as validated by the reference path. */
  envelopeClass: new () => object;
  /** NATS subject with `{polda}` / `{checkpoint}` where the unit token goes. */
  subjectTemplate: string;
  /** Which data field names the unit (and the subject token), if any. */
  unitField: UnitField;
}

function entry<T extends EventType>(
  type: T,
  dataClass: new () => EventDataMap[T],
  unitField: UnitField,
): EventTypeInfo<T> {
  const [agency, ...rest] = type.split('.');
  const action = rest.slice(0, -1).join('.'); // aggregate.verb, without the version
  const subjectTemplate = unitField === null ? `${agency}.${action}` : `${agency}.{${unitField}}.${action}`;
  const envelopeClass = envelopeClassFor(type, dataClass, `${dataClass.name}Event`);
  return { type, agency: agency as Agency, dataClass, envelopeClass, subjectTemplate, unitField };
}

/** Every event type, in catalogue order (docs/contract.md §5). */
export const EVENT_REGISTRY: { readonly [T in EventType]: EventTypeInfo<T> } = {
  [POLICE_ARREST_RECORDED_V1]: entry(POLICE_ARREST_RECORDED_V1, PoliceArrestRecordedV1, 'polda'),
  [POLICE_DEPARTURE_FOILED_V1]: entry(POLICE_DEPARTURE_FOILED_V1, PoliceDepartureFoiledV1, 'polda'),
  [MINISTRY_ALERT_RAISED_V1]: entry(MINISTRY_ALERT_RAISED_V1, MinistryAlertRaisedV1, null),
  [MINISTRY_WATCHLIST_ENTRY_ISSUED_V1]: entry(
    MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
    MinistryWatchlistEntryIssuedV1,
    null,
  ),
  [MINISTRY_WATCHLIST_ENTRY_REVOKED_V1]: entry(
    MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
    MinistryWatchlistEntryRevokedV1,
    null,
  ),
  [MINISTRY_COMPANY_SANCTIONED_V1]: entry(MINISTRY_COMPANY_SANCTIONED_V1, MinistryCompanySanctionedV1, null),
  [MINISTRY_PATROL_FINDING_RECORDED_V1]: entry(
    MINISTRY_PATROL_FINDING_RECORDED_V1,
    MinistryPatrolFindingRecordedV1,
    null,
  ),
  [MINISTRY_RESPONSE_DISPATCHED_V1]: entry(
    MINISTRY_RESPONSE_DISPATCHED_V1,
    MinistryResponseDispatchedV1,
    null,
  ),
  [IMMIGRATION_SCREENING_MATCHED_V1]: entry(
    IMMIGRATION_SCREENING_MATCHED_V1,
    ImmigrationScreeningMatchedV1,
    'checkpoint',
  ),
  [IMMIGRATION_DEPARTURE_DELAYED_V1]: entry(
    IMMIGRATION_DEPARTURE_DELAYED_V1,
    ImmigrationDepartureDelayedV1,
    'checkpoint',
  ),
};

/** Every event type, in catalogue order. */
export const EVENT_TYPES = Object.keys(EVENT_REGISTRY) as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENT_REGISTRY, value);
}

/** The unit token (Polda or checkpoint code) in an event's data, or null for ministry types. */
function unitTokenOfEvent(event: { type: EventType; data: object }): string | null {
  const field = EVENT_REGISTRY[event.type].unitField;
  return field === null ? null : String((event.data as Record<string, unknown>)[field]);
}

/**
 * The NATS subject of an event: `police.riau.arrest.recorded`,
 * `immigration.batam-center.screening.matched`, `ministry.watchlist.entry.issued`.
 */
export function natsSubjectFor(event: { type: EventType; data: object }): string {
  const info = EVENT_REGISTRY[event.type];
  const token = unitTokenOfEvent(event);
  return token === null ? info.subjectTemplate : info.subjectTemplate.replace(`{${info.unitField}}`, token);
}

interface SubjectShape {
  type: EventType;
  /** The unit token in the subject, or null when the subject carries none (ministry). */
  token: string | null;
}

function matchSubject(subject: string): SubjectShape | undefined {
  const tokens = subject.split('.');
  for (const info of Object.values(EVENT_REGISTRY) as EventTypeInfo[]) {
    const template = info.subjectTemplate.split('.');
    if (template.length !== tokens.length) continue;
    let token: string | null = null;
    const ok = template.every((part, i) => {
      if (part.startsWith('{')) {
        token = tokens[i];
        return UNIT_CODE_PATTERN.test(tokens[i]);
      }
      return part === tokens[i];
    });
    if (ok) return { type: info.type, token };
  }
  return undefined;
}

/**
 * The event type published on a NATS subject (`police.riau.arrest.recorded` →
 * `police.arrest.recorded.v1`), or undefined when no type uses it. Subjects carry no version: when a
 * v2 shares the subject of a v1 this returns the first registered; the body's `type` decides.
 */
export function typeForSubject(subject: string): EventType | undefined {
  return matchSubject(subject)?.type;
}

/**
 * The unit token of a NATS subject: the Polda or checkpoint code (`police.riau.arrest.recorded` →
 * `riau`, `immigration.batam-center.screening.matched` → `batam-center`); null when the subject
 * carries no token (ministry subjects) or is not a Simpul event subject.
 */
export function unitTokenOfSubject(subject: string): string | null {
  return matchSubject(subject)?.token ?? null;
}

/**
 * True when the unit named by a CloudEvents `source` owns the subject: `/polri/polda/riau` owns
 * `police.riau.*`, `/imigrasi/tpi/dumai` owns `immigration.dumai.*`, any `/kp2mi/` source owns
 * `ministry.*`. False for any other pair and for subjects of no known type. The check consumers run
 * besides the signature (docs/contract.md §4).
 */
export function sourceOwnsSubject(source: string, subject: string): boolean {
  const shape = matchSubject(subject);
  if (shape === undefined) return false;
  switch (EVENT_REGISTRY[shape.type].unitField) {
    case 'polda':
      return source === poldaSource(shape.token as string);
    case 'checkpoint':
      return source === checkpointSource(shape.token as string);
    default:
      return isMinistrySource(source);
  }
}
