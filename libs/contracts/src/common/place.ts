import { Describe, Num, Optional, Text } from './decorators.js';

/** Where something happened. Not personal data by itself. */
@Describe('Where something happened. Not personal data by itself.')
export class Place {
  /** Name of the place (port, beach, village, address), 1-200 characters. Not personal data. */
  @Describe('Name of the place (port, beach, village, address), 1-200 characters. Not personal data.')
  @Text({ max: 200 })
  name!: string;

  /** Regency or city (kabupaten/kota), 1-120 characters. Not personal data. */
  @Describe('Regency or city (kabupaten/kota), 1-120 characters. Not personal data.')
  @Optional()
  @Text({ max: 120 })
  regency?: string;

  /** Province, 1-120 characters. Not personal data. */
  @Describe('Province, 1-120 characters. Not personal data.')
  @Optional()
  @Text({ max: 120 })
  province?: string;

  /** Latitude in decimal degrees, -90 to 90 (WGS 84). Not personal data. */
  @Describe('Latitude in decimal degrees, -90 to 90 (WGS 84). Not personal data.')
  @Optional()
  @Num({ min: -90, max: 90 })
  latitude?: number;

  /** Longitude in decimal degrees, -180 to 180 (WGS 84). Not personal data. */
  @Describe('Longitude in decimal degrees, -180 to 180 (WGS 84). Not personal data.')
  @Optional()
  @Num({ min: -180, max: 180 })
  longitude?: number;
}
