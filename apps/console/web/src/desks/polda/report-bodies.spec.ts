import { describe, expect, it } from '@jest/globals';
import { EMPTY_PERSON } from '../../components/PersonFields';
import { arrestBody } from './ArrestForm';
import { interceptionBody } from './InterceptionForm';

type ArrestValues = Parameters<typeof arrestBody>[1];
type InterceptionValues = Parameters<typeof interceptionBody>[1];

const arrest = (changes: Partial<ArrestValues> = {}): ArrestValues => ({
  reportNumber: '',
  occurredAt: '',
  locationName: '',
  regency: '',
  province: '',
  interceptionId: '',
  legalBasis: '',
  suspects: [
    {
      person: { ...EMPTY_PERSON, fullName: ' Budi ' },
      role: 'broker',
      status: 'detained',
      companyName: '',
      companyLicense: '',
    },
  ],
  ...changes,
});

const interception = (changes: Partial<InterceptionValues> = {}): InterceptionValues => ({
  occurredAt: '',
  locationName: '',
  regency: '',
  province: '',
  companyName: '',
  companyLicense: '',
  exitPoint: '',
  destinationCountry: '',
  candidateCount: '',
  suspectsArrested: '',
  candidates: [{ person: { ...EMPTY_PERSON, fullName: 'Siti' }, minor: false }],
  ...changes,
});

describe('the arrest report body', () => {
  it('leaves blanks out', () => {
    expect(arrestBody('kepri', arrest())).toEqual({
      polda: 'kepri',
      location: {},
      suspects: [{ person: { fullName: 'Budi' }, role: 'broker', status: 'detained' }],
    });
  });

  it("sends the time typed at the Polda as an instant in the Polda's zone, the legal basis as a list", () => {
    const body = arrestBody(
      'bali',
      arrest({
        reportNumber: ' LP/B/12/XII/2026 ',
        occurredAt: '2026-12-03T22:00',
        locationName: 'Pelabuhan Benoa',
        interceptionId: ' 0190a1b2-0000-7000-8000-000000000001 ',
        legalBasis: 'UU 21/2007 Pasal 4\n; UU 18/2017 Pasal 81;',
        suspects: [
          {
            person: { ...EMPTY_PERSON, fullName: 'Budi', passportNumber: 'b1234567' },
            role: 'recruiter',
            status: 'at_large',
            companyName: ' PT Maju ',
            companyLicense: '',
          },
        ],
      }),
    );
    expect(body).toEqual({
      polda: 'bali',
      reportNumber: 'LP/B/12/XII/2026',
      occurredAt: '2026-12-03T14:00:00.000Z',
      location: { name: 'Pelabuhan Benoa' },
      interceptionId: '0190a1b2-0000-7000-8000-000000000001',
      legalBasis: ['UU 21/2007 Pasal 4', 'UU 18/2017 Pasal 81'],
      suspects: [
        {
          person: { fullName: 'Budi', passportNumber: 'B1234567' },
          role: 'recruiter',
          status: 'at_large',
          company: { name: 'PT Maju' },
        },
      ],
    });
  });
});

describe('the foiled-departure report body', () => {
  it('leaves blanks out: no count, no company, no arrests unless given', () => {
    expect(interceptionBody('riau', interception())).toEqual({
      polda: 'riau',
      location: {},
      route: {},
      candidates: [{ person: { fullName: 'Siti' } }],
    });
  });

  it('sends counts as numbers (zero included), the destination in capitals, minors marked', () => {
    const body = interceptionBody(
      'papua',
      interception({
        occurredAt: '2026-12-04T03:30',
        exitPoint: ' Skouw ',
        destinationCountry: 'pg',
        candidateCount: '12',
        suspectsArrested: '0',
        companyName: 'PT Jaya',
        companyLicense: ' KEP-1/2020 ',
        candidates: [{ person: { ...EMPTY_PERSON, fullName: 'Siti' }, minor: true }],
      }),
    );
    expect(body).toEqual({
      polda: 'papua',
      occurredAt: '2026-12-03T18:30:00.000Z',
      location: {},
      route: { exitPoint: 'Skouw', destinationCountry: 'PG' },
      candidates: [{ person: { fullName: 'Siti' }, minor: true }],
      candidateCount: 12,
      placementCompany: { name: 'PT Jaya', licenseNumber: 'KEP-1/2020' },
      suspectsArrested: 0,
    });
  });
});
