import { Describe, Optional, Text } from './decorators.js';

/** A company, typically a placement company (P3MI). Not personal data. */
@Describe('A company, typically a placement company (P3MI). Not personal data.')
export class Company {
  /** Registered name of the company, 1-200 characters. Not personal data. */
  @Describe('Registered name of the company, 1-200 characters. Not personal data.')
  @Text({ max: 200 })
  name!: string;

  /** Placement licence number (SIP3MI) or business registration number, 1-100 characters. Not personal data. */
  @Describe(
    'Placement licence number (SIP3MI) or business registration number, 1-100 characters. Not personal data.',
  )
  @Optional()
  @Text({ max: 100 })
  licenseNumber?: string;
}
