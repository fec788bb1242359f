import {
  CalendarDate,
  Country,
  Describe,
  Enforce,
  Matching,
  MatchingArray,
  OneOf,
  Optional,
  Text,
  TextArray,
} from './decorators.js';
import { E164_PATTERN, NIK_PATTERN, PASSPORT_PATTERN } from './patterns.js';
import { nikMatchesDateOfBirth, nikMatchesSex, nikStructure } from '../rules/nik.rules.js';

/** Sex as recorded on the identity document. */
export const SEXES = ['M', 'F'] as const;
export type Sex = (typeof SEXES)[number];

/** A person as known to the reporting agency: suspect, candidate, traveller or watchlist subject. Personal data throughout. */
@Describe(
  'A person as known to the reporting agency (suspect, candidate, traveller, watchlist subject). Personal data.',
)
export class Person {
  /** Full name as written on the identity document, 1-120 characters. Personal data. */
  @Describe('Full name as written on the identity document, 1-120 characters. Personal data.')
  @Text({ max: 120 })
  fullName!: string;

  /** Other names or spellings the person is known by, at most 10 of 1-120 characters. Personal data. */
  @Describe('Other names or spellings the person is known by, at most 10 of 1-120 characters. Personal data.')
  @Optional()
  @TextArray({ maxItems: 10, maxLength: 120 })
  aliases?: string[];

  /** NIK, national identity number: 16 digits PP KK CC DDMMYY SSSS (day+40 for women), always a string. Sensitive personal data. */
  @Describe(
    'NIK, national identity number: a string of 16 digits PP KK CC DDMMYY SSSS (day+40 for women), agreeing with dateOfBirth and sex when given. Sensitive personal data.',
  )
  @Optional()
  @Matching(NIK_PATTERN, { max: 16 })
  @Enforce(nikStructure)
  @Enforce(nikMatchesDateOfBirth)
  @Enforce(nikMatchesSex)
  nik?: string;

  /** Passport number: 6-9 upper-case letters or digits, opaque. Personal data. */
  @Describe('Passport number: 6-9 upper-case letters or digits, opaque. Personal data.')
  @Optional()
  @Matching(PASSPORT_PATTERN, { max: 9 })
  passportNumber?: string;

  /** Date of birth, YYYY-MM-DD. Personal data. */
  @Describe('Date of birth, YYYY-MM-DD. Personal data.')
  @Optional()
  @CalendarDate()
  dateOfBirth?: string;

  /** Sex: M or F. Personal data. */
  @Describe('Sex: M or F. Personal data.')
  @Optional()
  @OneOf(SEXES)
  sex?: Sex;

  /** Nationality, ISO 3166-1 alpha-3 upper case; absent means IDN. Personal data. */
  @Describe('Nationality, ISO 3166-1 alpha-3 upper case; absent means IDN. Personal data.')
  @Optional()
  @Country()
  nationality?: string;

  /** Phone numbers in E.164 (`+6281234567890`), at most 5. Personal data. */
  @Describe('Phone numbers in E.164 (+6281234567890), at most 5. Personal data.')
  @Optional()
  @MatchingArray(E164_PATTERN, { maxItems: 5, maxLength: 16 })
  phoneNumbers?: string[];
}
