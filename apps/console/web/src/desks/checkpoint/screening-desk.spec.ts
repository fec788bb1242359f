import { describe, expect, it } from '@jest/globals';
import { screeningBody } from './ScreeningDesk';

type Traveller = Parameters<typeof screeningBody>[1];
const form = (changes: Partial<Traveller> = {}): Traveller => ({
  fullName: '',
  dateOfBirth: '',
  sex: '',
  nik: '',
  passportNumber: '',
  destination: '',
  purpose: '',
  ...changes,
});

describe('the screening request', () => {
  it('carries only what the officer filled in, and no travel when none was given', () => {
    expect(screeningBody('batam-center', form({ fullName: '  Siti Aminah  ' }))).toEqual({
      checkpoint: 'batam-center',
      traveler: { fullName: 'Siti Aminah' },
    });
  });

  it('sends every field, trimmed, the passport number and destination in capitals', () => {
    expect(
      screeningBody(
        'dumai',
        form({
          fullName: 'Siti Aminah',
          dateOfBirth: '1999-02-01',
          sex: 'F',
          nik: ' 3201010101990001 ',
          passportNumber: ' c1234567 ',
          destination: ' my ',
          purpose: 'tourism',
        }),
      ),
    ).toEqual({
      checkpoint: 'dumai',
      traveler: {
        fullName: 'Siti Aminah',
        dateOfBirth: '1999-02-01',
        sex: 'F',
        nik: '3201010101990001',
        passportNumber: 'C1234567',
      },
      travel: { destinationCountry: 'MY', statedPurpose: 'tourism' },
    });
  });

  it('leaves out a blank name, so the service says it is required', () => {
    expect(screeningBody('dumai', form({ fullName: '   ', passportNumber: 'x1' }))).toEqual({
      checkpoint: 'dumai',
      traveler: { passportNumber: 'X1' },
    });
  });

  it('sends travel with only the part given', () => {
    expect(screeningBody('dumai', form({ fullName: 'A', purpose: 'work' })).travel).toEqual({
      statedPurpose: 'work',
    });
    expect(screeningBody('dumai', form({ fullName: 'A', destination: 'sa' })).travel).toEqual({
      destinationCountry: 'SA',
    });
    expect(screeningBody('dumai', form({ fullName: 'A', destination: '  ' }))).not.toHaveProperty('travel');
  });
});
