import {
  DateTime,
  Describe,
  Enforce,
  Int,
  Nested,
  OneOf,
  Optional,
  Text,
  Uuid,
} from '../common/decorators.js';
import { WatchlistOrigin } from '../common/origin.js';
import { Person } from '../common/person.js';
import {
  cegahMaxDuration,
  cegahRequiresDecisionNumber,
  protectiveMaxDuration,
  validUntilAfterValidFrom,
} from '../rules/validity.rules.js';

export const MINISTRY_WATCHLIST_ENTRY_ISSUED_V1 = 'ministry.watchlist.entry.issued.v1';

/**
 * cegah: binding travel ban with a legal decision (max 6 months, 12 with one extension);
 * dpo: police wanted list; advisory: information only, never shown as a ban;
 * protective: a likely victim, referred to an interview and a P4MI post (max 90 days).
 */
export const WATCHLIST_LEGAL_TYPES = ['cegah', 'dpo', 'advisory', 'protective'] as const;
export type WatchlistLegalType = (typeof WATCHLIST_LEGAL_TYPES)[number];

export const WATCHLIST_ACTIONS = ['deny_departure', 'refer', 'monitor'] as const;
export type WatchlistAction = (typeof WATCHLIST_ACTIONS)[number];

/** ministry.watchlist.entry.issued.v1: KP2MI issued (or re-issued with a higher version) a watchlist entry. */
@Describe('KP2MI issued, or re-issued with a higher version, a watchlist entry checked at every checkpoint.')
export class MinistryWatchlistEntryIssuedV1 {
  /** Id (UUID) of the entry, stable across versions. Not personal data. */
  @Describe('Id (UUID) of the entry, stable across versions. Not personal data.')
  @Uuid()
  entryId!: string;

  /** Version of the entry, integer >= 1; a higher version replaces a lower one, never the reverse. Not personal data. */
  @Describe(
    'Version of the entry, integer >= 1; a higher version replaces a lower one, never the reverse. Not personal data.',
  )
  @Int({ min: 1, max: 2_147_483_647 })
  version!: number;

  /** cegah, dpo, advisory or protective. Personal data (says whether the person is sought or protected). */
  @Describe(
    'cegah, dpo, advisory or protective. Personal data (says whether the person is sought or protected).',
  )
  @OneOf(WATCHLIST_LEGAL_TYPES)
  legalType!: WatchlistLegalType;

  /** What a checkpoint does on a match: deny_departure, refer or monitor. Not personal data. */
  @Describe('What a checkpoint does on a match: deny_departure, refer or monitor. Not personal data.')
  @OneOf(WATCHLIST_ACTIONS)
  action!: WatchlistAction;

  /** Who the entry is about. Personal data. */
  @Describe('Who the entry is about. Personal data.')
  @Nested(() => Person)
  person!: Person;

  /** Why the entry exists, 1-2000 characters. Personal data. */
  @Describe('Why the entry exists, 1-2000 characters. Personal data.')
  @Text({ max: 2000 })
  reason!: string;

  /** Issuing authority or official, 1-200 characters. Personal data when it names an official. */
  @Describe('Issuing authority or official, 1-200 characters. Personal data when it names an official.')
  @Text({ max: 200 })
  issuedBy!: string;

  /** Number of the legal decision behind the entry, 1-100 characters; required for cegah. Not personal data. */
  @Describe(
    'Number of the legal decision behind the entry, 1-100 characters; required for cegah. Not personal data.',
  )
  @Optional({ unless: cegahRequiresDecisionNumber })
  @Text({ max: 100 })
  @Enforce(cegahRequiresDecisionNumber)
  decisionNumber?: string;

  /** Start of validity: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('Start of validity: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  validFrom!: string;

  /** End of validity, after validFrom: cegah at most 6 calendar months (12 with an extension), protective at most 90 days. ISO 8601 date-time with a zone. Not personal data. */
  @Describe(
    'End of validity, strictly after validFrom: cegah at most 6 calendar months later (12 with an extension), protective at most 90 days. ISO 8601 date-time with a zone. Not personal data.',
  )
  @DateTime()
  @Enforce(validUntilAfterValidFrom)
  @Enforce(cegahMaxDuration)
  @Enforce(protectiveMaxDuration)
  validUntil!: string;

  /** Number of the decision extending a cegah once (allows 12 months), 1-100 characters. Not personal data. */
  @Describe(
    'Number of the decision extending a cegah once (allows 12 months), 1-100 characters. Not personal data.',
  )
  @Optional()
  @Text({ max: 100 })
  extensionDecisionNumber?: string;

  /** Id (UUID) of the ministry case, if any. Not personal data. */
  @Describe('Id (UUID) of the ministry case, if any. Not personal data.')
  @Optional()
  @Uuid()
  caseId?: string;

  /** The report the entry came from, so its unit sees matches. Not personal data. */
  @Describe('The report the entry came from, so its unit sees matches. Not personal data.')
  @Optional()
  @Nested(() => WatchlistOrigin)
  origin?: WatchlistOrigin;
}
