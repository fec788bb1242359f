/**
 * The reference scenario of docs/domain.md as HTTP request bodies: Polda Riau foils a departure at Dumai
 * (58 candidates held before leaving by sea for Malaysia) and arrests 11 suspects, among them a
 * broker still at large who works for a placement company. A week later that broker, under an
 * old spelling of his name, presents himself at Batam Center.
 * All people here are invented; names are common Indonesian names, NIKs are structurally valid.
 */

const GIVEN_MALE = [
  'Agus',
  'Budi',
  'Dedi',
  'Eko',
  'Hendra',
  'Irwan',
  'Rudi',
  'Slamet',
  'Wahyu',
  'Yusuf',
  'Rizki',
  'Fajar',
  'Andi',
  'Bayu',
  'Joko',
];
const GIVEN_FEMALE = [
  'Siti',
  'Dewi',
  'Sri',
  'Nur',
  'Rina',
  'Yanti',
  'Wulan',
  'Lestari',
  'Fitri',
  'Ayu',
  'Indah',
  'Ratna',
  'Putri',
  'Maya',
];
const FAMILY = [
  'Saputra',
  'Hidayat',
  'Siregar',
  'Nasution',
  'Lubis',
  'Harahap',
  'Pratama',
  'Wijaya',
  'Kurniawan',
  'Rahmawati',
  'Susanti',
  'Handayani',
  'Permata',
  'Hasibuan',
];

/** A NIK of Riau (14) / Dumai (72) consistent with the date of birth and sex (women: day + 40). */
export function nikFor(dateOfBirth: string, sex: 'M' | 'F', serial: number): string {
  const [year, month, day] = dateOfBirth.split('-');
  const dd = String(Number(day) + (sex === 'F' ? 40 : 0)).padStart(2, '0');
  return `147201${dd}${month}${year.slice(2)}${String(serial).padStart(4, '0')}`;
}

function dateOfBirth(i: number, minor: boolean): string {
  const year = minor ? 2008 + (i % 2) : 1985 + (i % 18);
  return `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
}

export interface ScenarioRun {
  /** Makes report numbers unique per run: the databases keep earlier runs' data. */
  runId: string;
  /** When the departure was foiled (an hour before the arrests). */
  occurredAt: Date;
}

export function foiledDepartureBody(run: ScenarioRun): Record<string, unknown> {
  const candidates = Array.from({ length: 58 }, (_, i) => {
    const sex = i % 3 === 0 ? 'M' : 'F';
    const minor = i < 4;
    const given = sex === 'M' ? GIVEN_MALE[i % GIVEN_MALE.length] : GIVEN_FEMALE[i % GIVEN_FEMALE.length];
    const dob = dateOfBirth(i, minor);
    return {
      person: {
        fullName: `${given} ${FAMILY[(i * 7) % FAMILY.length]}`,
        nik: nikFor(dob, sex, 100 + i),
        dateOfBirth: dob,
        sex,
      },
      ...(minor ? { minor: true } : {}),
    };
  });
  return {
    polda: 'riau',
    occurredAt: run.occurredAt.toISOString(),
    location: {
      name: 'Pelabuhan tikus, Pulau Rupat',
      regency: 'Bengkalis',
      province: 'Riau',
      latitude: 1.87,
      longitude: 101.6,
    },
    route: { exitPoint: 'dumai', destinationCountry: 'MYS' },
    candidates,
    candidateCount: 58,
    placementCompany: { name: 'PT Sinar Jaya Mandiri', licenseNumber: 'KEP-123/PPTKIS/2019' },
    suspectsArrested: 11,
  };
}

/**
 * The broker's mobile as Polda Riau wrote it down, and as his ad gives it: two spellings of one
 * number that the HTTP edges both read as +6281266770412, so the patrol's finding meets the arrest.
 */
export const BROKER_PHONE_AS_RECORDED = '0812-6677-0412';
export const BROKER_PHONE_AS_ADVERTISED = '+62 812 6677 0412';

const SUSPECTS: {
  fullName: string;
  role: string;
  status: string;
  dob: string;
  passport?: string;
  company?: boolean;
  phone?: string;
}[] = [
  {
    fullName: 'Djoko Soesanto',
    role: 'broker',
    status: 'at_large',
    dob: '1979-04-12',
    passport: 'C1234567',
    company: true,
    phone: BROKER_PHONE_AS_RECORDED,
  },
  { fullName: 'Hasan Basri', role: 'coordinator', status: 'detained', dob: '1975-09-03' },
  { fullName: 'Amir Lubis', role: 'transporter', status: 'detained', dob: '1990-01-21' },
  { fullName: 'Rahmat Hidayat', role: 'transporter', status: 'detained', dob: '1992-06-30' },
  { fullName: 'Syamsul Bahri', role: 'boatman', status: 'detained', dob: '1983-11-08' },
  { fullName: 'Zulkifli Harahap', role: 'boatman', status: 'detained', dob: '1987-02-14' },
  { fullName: 'Ujang Sutisna', role: 'boatman', status: 'released', dob: '1995-07-19' },
  { fullName: 'Rizal Effendi', role: 'recruiter', status: 'detained', dob: '1981-03-25' },
  { fullName: 'Taufik Hidayat', role: 'recruiter', status: 'detained', dob: '1989-12-02' },
  { fullName: 'Darmawan Saputra', role: 'other', status: 'detained', dob: '1993-05-17' },
  { fullName: 'Mulyadi Nasution', role: 'document_forger', status: 'at_large', dob: '1977-08-09' },
];

export function arrestBody(run: ScenarioRun, interceptionId: string): Record<string, unknown> {
  return {
    reportNumber: `LP/B/${run.runId}/VII/2025/SPKT/POLDA RIAU`,
    polda: 'riau',
    occurredAt: new Date(run.occurredAt.getTime() + 3_600_000).toISOString(),
    location: { name: 'Dumai', regency: 'Dumai', province: 'Riau' },
    suspects: SUSPECTS.map((s, i) => ({
      person: {
        fullName: s.fullName,
        nik: nikFor(s.dob, 'M', 9000 + i),
        dateOfBirth: s.dob,
        sex: 'M',
        ...(s.passport ? { passportNumber: s.passport } : {}),
        ...(s.phone ? { phoneNumbers: [s.phone] } : {}),
      },
      status: s.status,
      role: s.role,
      ...(s.company
        ? { company: { name: 'PT Sinar Jaya Mandiri', licenseNumber: 'KEP-123/PPTKIS/2019' } }
        : {}),
    })),
    interceptionId,
    legalBasis: ['UU 21/2007 Pasal 4', 'UU 18/2017 Pasal 81'],
  };
}

/** The broker a week later at Batam Center: modern spelling of his name, same passport and birth date. */
export function brokerAtBatamBody(): Record<string, unknown> {
  return {
    checkpoint: 'batam-center',
    traveler: { fullName: 'Joko Susanto', dateOfBirth: '1979-04-12', sex: 'M', passportNumber: 'C1234567' },
    travel: { destinationCountry: 'SGP', statedPurpose: 'tourism' },
  };
}

/**
 * The cyber patrol's finding: an ad for plantation work in Johor leaving through Dumai, posted by
 * the broker's account with his phone number and the placement company's name. No victim in it.
 */
export function patrolFindingBody(run: ScenarioRun): Record<string, unknown> {
  return {
    platform: 'facebook',
    url: `https://www.facebook.com/groups/loker-malaysia-johor/posts/${run.runId}`,
    postedAt: new Date(run.occurredAt.getTime() - 10 * 86_400_000).toISOString(),
    accountHandle: 'loker.johor.dumai',
    phoneNumbers: [BROKER_PHONE_AS_ADVERTISED],
    companyName: 'PT Sinar Jaya Mandiri',
    destinationCountry: 'MYS',
    summary:
      'Lowongan kebun sawit di Johor, gaji 5 juta, tanpa biaya dan tanpa paspor, berangkat lewat Dumai minggu ini.',
    region: 'riau',
  };
}

/** One of the 58 candidates (an adult woman) trying again a week later, through Batam Center. */
export function candidateAtBatamBody(run: ScenarioRun): Record<string, unknown> {
  const candidate = (foiledDepartureBody(run).candidates as Array<{ person: Record<string, unknown> }>)[10]!;
  return {
    checkpoint: 'batam-center',
    traveler: candidate.person,
    travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
  };
}
