// @simpul/contracts: the shared event schema library (docs/contract.md §1, §4-5). Framework-free: it
// depends on class-validator, class-transformer, ajv and Node built-ins only.

// Parsing, validation, building
export { parseEvent, validateEvent, validateWithClasses, type ParseResult } from './parse.js';
export { buildEvent, EventValidationError, type BuildEventOptions } from './build.js';
export { uuidv7 } from './ids/uuidv7.js';
export type { ValidationIssue } from './validation/issues.js';
export { childPath } from './validation/issues.js';
export { MAX_DEPTH, MAX_EVENT_BYTES } from './validation/guards.js';
export { CLASS_VALIDATOR_OPTIONS } from './validation/reference.js';
export { warmUpValidators } from './validation/compiled.js';
export { parseShape, SHAPES, type ShapeName, type ShapeResult } from './shapes.js';
export { UNIT_CODE_PATTERN } from './common/patterns.js';

// Schemas
export {
  generateJsonSchemas,
  jsonSchemaFor,
  jsonSchemaForClass,
  JSON_SCHEMA_DIALECT,
  RULES_KEYWORD,
  type JsonSchema,
  type SchemaRuleNote,
} from './validation/json-schema.js';

// Schema artefacts (src/artefacts/, maintained with `simpul schema export/check`)
export { buildAsyncApi, type AsyncApiEventInput } from './artefacts/asyncapi.js';
export { compareSchemas, type CompatibilityProblem } from './artefacts/schema-compatibility.js';
export {
  checkAgainstSnapshots,
  publishedSchemasDir,
  type SnapshotCheck,
  type SnapshotProblem,
} from './artefacts/published-snapshots.js';

// Registry, subjects, units
export {
  EVENT_REGISTRY,
  EVENT_TYPES,
  isEventType,
  natsSubjectFor,
  sourceOwnsSubject,
  typeForSubject,
  unitTokenOfSubject,
  type Agency,
  type AnyEvent,
  type EventDataMap,
  type EventType,
  type EventTypeInfo,
  type SimpulEvent,
  type UnitField,
} from './registry.js';
export {
  checkpointSource,
  isMinistrySource,
  MINISTRY_SOURCE,
  poldaSource,
  sourceForUnit,
  unitFromSource,
  type UnitKind,
} from './envelope/units.js';
export {
  DATA_CONTENT_TYPE,
  dataSchemaFor,
  SCHEMA_URN_PREFIX,
  SPEC_VERSION,
  type CloudEventEnvelope,
} from './envelope/envelope.js';

// Common shapes and identifiers
export { Person, SEXES, type Sex } from './common/person.js';
export { Place } from './common/place.js';
export { Company } from './common/company.js';
export { normalisePhoneNumber, normalisePhoneNumbers } from './common/phone.js';
export { WatchlistOrigin } from './common/origin.js';
export { nikBirth, nikDateDigits, type NikBirth } from './common/nik.js';
export {
  isCalendarDate,
  isDateTimeWithZone,
  isWithinInstantRange,
  parseInstant,
  MIN_INSTANT,
  MAX_INSTANT,
  MIN_INSTANT_MS,
  MAX_INSTANT_MS,
  type ParsedInstant,
} from './common/instants.js';

// Cross-field rules (pure functions)
export * as rules from './rules/index.js';
export type { CrossFieldRule, CrossFieldRuleName } from './rules/rule.js';

// Events
export {
  ArrestSuspect,
  POLICE_ARREST_RECORDED_V1,
  PoliceArrestRecordedV1,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
  type SuspectRole,
  type SuspectStatus,
} from './police/arrest-recorded.v1.js';
export {
  DepartureRoute,
  FoiledCandidate,
  MAX_CANDIDATES,
  POLICE_DEPARTURE_FOILED_V1,
  PoliceDepartureFoiledV1,
} from './police/departure-foiled.v1.js';
export {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  MINISTRY_ALERT_RAISED_V1,
  MinistryAlertRaisedV1,
  type AlertKind,
  type AlertSeverity,
} from './ministry/alert-raised.v1.js';
export {
  MINISTRY_WATCHLIST_ENTRY_ISSUED_V1,
  MinistryWatchlistEntryIssuedV1,
  WATCHLIST_ACTIONS,
  WATCHLIST_LEGAL_TYPES,
  type WatchlistAction,
  type WatchlistLegalType,
} from './ministry/watchlist-entry-issued.v1.js';
export {
  MINISTRY_WATCHLIST_ENTRY_REVOKED_V1,
  MinistryWatchlistEntryRevokedV1,
} from './ministry/watchlist-entry-revoked.v1.js';
export {
  COMPANY_SANCTIONS,
  MINISTRY_COMPANY_SANCTIONED_V1,
  MinistryCompanySanctionedV1,
  type CompanySanction,
} from './ministry/company-sanctioned.v1.js';
export {
  MINISTRY_PATROL_FINDING_RECORDED_V1,
  MinistryPatrolFindingRecordedV1,
  PATROL_PLATFORMS,
  type PatrolPlatform,
} from './ministry/patrol-finding-recorded.v1.js';
export {
  MINISTRY_RESPONSE_DISPATCHED_V1,
  MinistryResponseDispatchedV1,
} from './ministry/response-dispatched.v1.js';
export {
  IMMIGRATION_SCREENING_MATCHED_V1,
  ImmigrationScreeningMatchedV1,
  SCREENING_DECISIONS,
  type ScreeningDecision,
} from './immigration/screening-matched.v1.js';
export {
  DELAY_REASONS,
  IMMIGRATION_DEPARTURE_DELAYED_V1,
  ImmigrationDepartureDelayedV1,
  STATED_PURPOSES,
  type DelayReason,
  type StatedPurpose,
} from './immigration/departure-delayed.v1.js';
