import {
  Country,
  DateTime,
  Describe,
  Matching,
  MatchingArray,
  OneOf,
  Optional,
  Text,
  UnitCode,
  Uuid,
  UuidArray,
} from '../common/decorators.js';
import { ACCOUNT_HANDLE_PATTERN, E164_PATTERN, WEB_URL_PATTERN } from '../common/patterns.js';

export const MINISTRY_PATROL_FINDING_RECORDED_V1 = 'ministry.patrol.finding.recorded.v1';

/** Where the cyber patrol saw the ad. */
export const PATROL_PLATFORMS = [
  'facebook',
  'instagram',
  'tiktok',
  'whatsapp',
  'telegram',
  'x',
  'website',
  'other',
] as const;
export type PatrolPlatform = (typeof PATROL_PLATFORMS)[number];

/**
 * ministry.patrol.finding.recorded.v1: the ministry's cyber patrol recorded an online recruitment ad.
 * It describes the ad and who placed it (account, phone numbers, company), never a victim.
 */
@Describe(
  'The ministry\u2019s cyber patrol recorded an online recruitment ad: the ad and who placed it, never a victim.',
)
export class MinistryPatrolFindingRecordedV1 {
  /** Id (UUID) of the finding. Not personal data. */
  @Describe('Id (UUID) of the finding. Not personal data.')
  @Uuid()
  findingId!: string;

  /** When the patrol recorded it: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When the patrol recorded it: ISO 8601 date-time with a zone. Not personal data.')
  @DateTime()
  recordedAt!: string;

  /** facebook, instagram, tiktok, whatsapp, telegram, x, website or other. Not personal data. */
  @Describe('facebook, instagram, tiktok, whatsapp, telegram, x, website or other. Not personal data.')
  @OneOf(PATROL_PLATFORMS)
  platform!: PatrolPlatform;

  /** The ad's address: http or https only, at most 2000 characters. Not personal data. */
  @Describe('The ad\u2019s address: http or https only, at most 2000 characters. Not personal data.')
  @Matching(WEB_URL_PATTERN, { max: 2000 })
  url!: string;

  /** When the ad was posted, if known: ISO 8601 date-time with a zone. Not personal data. */
  @Describe('When the ad was posted, if known: ISO 8601 date-time with a zone. Not personal data.')
  @Optional()
  @DateTime()
  postedAt?: string;

  /** The account that posted it: an optional @ then letters, digits, . _ or -, at most 100. Personal data. */
  @Describe(
    'The account that posted it: an optional @ then letters, digits, dot, underscore or dash, at most 100 characters. Personal data.',
  )
  @Optional()
  @Matching(ACCOUNT_HANDLE_PATTERN, { max: 100 })
  accountHandle?: string;

  /** Phone numbers the ad gives, in E.164 (`+6281234567890`), at most 5. Personal data. */
  @Describe('Phone numbers the ad gives, in E.164 (+6281234567890), at most 5. Personal data.')
  @Optional()
  @MatchingArray(E164_PATTERN, { maxItems: 5, maxLength: 16 })
  phoneNumbers?: string[];

  /** The placement company the ad names, 1-200 characters. Not personal data. */
  @Describe('The placement company the ad names, 1-200 characters. Not personal data.')
  @Optional()
  @Text({ max: 200 })
  companyName?: string;

  /** Country the ad recruits for, ISO 3166-1 alpha-3 upper case. Not personal data. */
  @Describe('Country the ad recruits for, ISO 3166-1 alpha-3 upper case. Not personal data.')
  @Optional()
  @Country()
  destinationCountry?: string;

  /** What the ad offers, 1-2000 characters; no victim's name or identifier. May contain personal data: never log it. */
  @Describe(
    'What the ad offers, 1-2000 characters; no victim\u2019s name or identifier. May contain personal data: never log it.',
  )
  @Text({ max: 2000 })
  summary!: string;

  /** The Polda code whose region the ad targets (riau); its police deployment gets it as a lead. Not personal data. */
  @Describe(
    'The Polda code whose region the ad targets (riau); its police deployment gets it as a lead. Not personal data.',
  )
  @Optional()
  @UnitCode()
  region?: string;

  /** Ids (UUIDs) of the ministry cases it was linked to when recorded, at most 100. Not personal data. */
  @Describe(
    'Ids (UUIDs) of the ministry cases it was linked to when recorded, at most 100. Not personal data.',
  )
  @Optional()
  @UuidArray({ minItems: 0, maxItems: 100 })
  caseIds?: string[];
}
