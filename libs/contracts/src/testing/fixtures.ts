// Valid fixtures: one realistic event per type, from the reference scenario of docs/domain.md
// (Polda Riau at Dumai / Pulau Rupat, July 2025; a broker screened at Batam Center a week later).
// Names and NIKs are invented; NIKs are structurally valid (Kota Dumai 14 72) and agree with the
// stated date of birth and sex.
import {
  dataSchemaFor,
  MINISTRY_SOURCE,
  checkpointSource,
  nikDateDigits,
  poldaSource,
  type AnyEvent,
  type EventDataMap,
  type EventType,
  type Person,
  type SimpulEvent,
} from '../index.js';

/** A fixed, valid UUIDv7-shaped id for fixture number `n` (deterministic, so snapshots are stable). */
export function fixtureUuid(n: number, millis = 0x0197d8a03c00): string {
  const ts = millis.toString(16).padStart(12, '0');
  const tail = n.toString(16).padStart(12, '0');
  return `${ts.slice(0, 8)}-${ts.slice(8)}-7000-8000-${tail}`;
}

/** A NIK agreeing with `dateOfBirth` and `sex`; `region` is PPKKCC (default Kota Dumai, district 01). */
export function fixtureNik(dateOfBirth: string, sex: 'M' | 'F', serial: number, region = '147201'): string {
  return `${region}${nikDateDigits(dateOfBirth, sex)}${String(serial % 10000 || 1).padStart(4, '0')}`;
}

function person(
  fullName: string,
  dateOfBirth: string,
  sex: 'M' | 'F',
  serial: number,
  extra: Partial<Person> = {},
): Person {
  return {
    fullName,
    nik: fixtureNik(dateOfBirth, sex, serial),
    dateOfBirth,
    sex,
    nationality: 'IDN',
    ...extra,
  };
}

export const FIXTURE_IDS = {
  interception: fixtureUuid(0x101),
  arrest: fixtureUuid(0x102),
  interceptionEvent: fixtureUuid(0x201),
  arrestEvent: fixtureUuid(0x202),
  alertEvent: fixtureUuid(0x203),
  issuedEvent: fixtureUuid(0x204),
  revokedEvent: fixtureUuid(0x205),
  sanctionEvent: fixtureUuid(0x206),
  matchEvent: fixtureUuid(0x207),
  delayEvent: fixtureUuid(0x208),
  findingEvent: fixtureUuid(0x209),
  dispatchEvent: fixtureUuid(0x20a),
  caseId: fixtureUuid(0x301),
  alertId: fixtureUuid(0x302),
  entryId: fixtureUuid(0x303),
  companyId: fixtureUuid(0x304),
  screeningId: fixtureUuid(0x305),
  delayId: fixtureUuid(0x306),
  findingId: fixtureUuid(0x307),
  dispatchId: fixtureUuid(0x308),
  brokerSuspect: fixtureUuid(0x401),
  boatmanSuspect: fixtureUuid(0x402),
  coordinatorSuspect: fixtureUuid(0x403),
  candidate1: fixtureUuid(0x501),
  candidate2: fixtureUuid(0x502),
  candidate3: fixtureUuid(0x503),
} as const;

const DUMAI = {
  name: 'Pelabuhan rakyat Pulau Rupat',
  regency: 'Kota Dumai',
  province: 'Riau',
  latitude: 1.8601,
  longitude: 101.5915,
};

const BROKER = person('Muhammad Yusuf bin Abdullah', '1985-03-12', 'M', 1, {
  aliases: ['Moch. Jusuf', 'Pak Ucok'],
  passportNumber: 'C1234567',
});

const PLACEMENT_COMPANY = { name: 'PT Sinar Jaya Mandiri Sejahtera', licenseNumber: 'KEP.123/PPTKLN/2021' };

function envelope<T extends EventType>(
  type: T,
  id: string,
  source: string,
  time: string,
  data: EventDataMap[T],
  extra: { correlationid?: string; causationid?: string; subject?: string } = {},
): SimpulEvent<T> {
  const { correlationid, causationid, subject } = extra;
  return {
    specversion: '1.0',
    id,
    source,
    type,
    ...(subject !== undefined ? { subject } : {}),
    time,
    datacontenttype: 'application/json',
    dataschema: dataSchemaFor(type),
    correlationid: correlationid ?? id,
    ...(causationid !== undefined ? { causationid } : {}),
    data,
  } as SimpulEvent<T>;
}

const REPORT = 'LP/B/123/VII/2025/SPKT/POLDA RIAU';

function buildValidFixtures(): { [T in EventType]: SimpulEvent<T> } {
  return {
    'police.departure.foiled.v1': envelope(
      'police.departure.foiled.v1',
      FIXTURE_IDS.interceptionEvent,
      poldaSource('riau'),
      '2025-07-05T02:40:00+07:00',
      {
        interceptionId: FIXTURE_IDS.interception,
        polda: 'riau',
        occurredAt: '2025-07-05T02:40:00+07:00',
        location: DUMAI,
        route: { exitPoint: 'dumai', destinationCountry: 'MYS' },
        candidates: [
          {
            candidateId: FIXTURE_IDS.candidate1,
            person: person('Siti Aminah', '1999-11-04', 'F', 2),
            minor: false,
          },
          {
            candidateId: FIXTURE_IDS.candidate2,
            person: person('Dewi Lestari', '2008-01-21', 'F', 3),
            minor: true,
          },
          { candidateId: FIXTURE_IDS.candidate3, person: { fullName: 'Rahmat', sex: 'M' } },
        ],
        candidateCount: 58,
        placementCompany: PLACEMENT_COMPANY,
        suspectsArrested: 11,
      },
      { subject: `case/${REPORT}` },
    ),
    'police.arrest.recorded.v1': envelope(
      'police.arrest.recorded.v1',
      FIXTURE_IDS.arrestEvent,
      poldaSource('riau'),
      '2025-07-05T03:12:00+07:00',
      {
        arrestId: FIXTURE_IDS.arrest,
        reportNumber: REPORT,
        polda: 'riau',
        occurredAt: '2025-07-05T03:12:00+07:00',
        location: DUMAI,
        suspects: [
          {
            suspectId: FIXTURE_IDS.brokerSuspect,
            person: BROKER,
            status: 'at_large',
            role: 'broker',
            company: PLACEMENT_COMPANY,
          },
          {
            suspectId: FIXTURE_IDS.boatmanSuspect,
            person: person('Andi Saputra', '1990-06-30', 'M', 4),
            status: 'detained',
            role: 'boatman',
          },
          {
            suspectId: FIXTURE_IDS.coordinatorSuspect,
            person: person('Hj. Rosmawati', '1978-02-14', 'F', 5),
            status: 'detained',
            role: 'coordinator',
          },
        ],
        interceptionId: FIXTURE_IDS.interception,
        legalBasis: ['UU 21/2007 Pasal 4', 'UU 18/2017 Pasal 81'],
      },
      {
        correlationid: FIXTURE_IDS.interceptionEvent,
        causationid: FIXTURE_IDS.interceptionEvent,
        subject: `case/${REPORT}`,
      },
    ),
    'ministry.alert.raised.v1': envelope(
      'ministry.alert.raised.v1',
      FIXTURE_IDS.alertEvent,
      MINISTRY_SOURCE,
      '2025-07-05T03:12:01.250+07:00',
      {
        alertId: FIXTURE_IDS.alertId,
        caseId: FIXTURE_IDS.caseId,
        severity: 'critical',
        kind: 'interception',
        region: 'riau',
        summary:
          '58 prospective workers stopped at Dumai before a sea crossing to Malaysia; 11 suspects arrested.',
        sourceEventIds: [FIXTURE_IDS.interceptionEvent, FIXTURE_IDS.arrestEvent],
      },
      { correlationid: FIXTURE_IDS.interceptionEvent, causationid: FIXTURE_IDS.arrestEvent },
    ),
    'ministry.watchlist.entry.issued.v1': envelope(
      'ministry.watchlist.entry.issued.v1',
      FIXTURE_IDS.issuedEvent,
      MINISTRY_SOURCE,
      '2025-07-05T04:00:00Z',
      {
        entryId: FIXTURE_IDS.entryId,
        version: 1,
        legalType: 'cegah',
        action: 'deny_departure',
        person: BROKER,
        reason: 'Suspected broker in the Dumai interception of 5 July 2025.',
        issuedBy: 'Direktorat Jenderal Imigrasi atas permintaan Polda Riau',
        decisionNumber: 'IMI-1234.GR.02.06/2025',
        validFrom: '2025-07-05T04:00:00Z',
        validUntil: '2026-01-05T04:00:00Z',
        caseId: FIXTURE_IDS.caseId,
        origin: { unit: 'polda:riau', eventId: FIXTURE_IDS.arrestEvent, personId: FIXTURE_IDS.brokerSuspect },
      },
      { correlationid: FIXTURE_IDS.interceptionEvent, causationid: FIXTURE_IDS.arrestEvent },
    ),
    'ministry.watchlist.entry.revoked.v1': envelope(
      'ministry.watchlist.entry.revoked.v1',
      FIXTURE_IDS.revokedEvent,
      MINISTRY_SOURCE,
      '2025-08-01T09:30:00+07:00',
      {
        entryId: FIXTURE_IDS.entryId,
        version: 2,
        reason: 'Suspect arrested; the travel ban is no longer needed.',
        revokedAt: '2025-08-01T09:30:00+07:00',
      },
      { correlationid: FIXTURE_IDS.interceptionEvent },
    ),
    'ministry.company.sanctioned.v1': envelope(
      'ministry.company.sanctioned.v1',
      FIXTURE_IDS.sanctionEvent,
      MINISTRY_SOURCE,
      '2025-07-10T10:00:00+07:00',
      {
        companyId: FIXTURE_IDS.companyId,
        company: PLACEMENT_COMPANY,
        sanction: 'suspension',
        reason: 'Recruited workers placed non-procedurally through Dumai (interception of 5 July 2025).',
        effectiveFrom: '2025-07-10T00:00:00+07:00',
        effectiveUntil: '2026-01-10T00:00:00+07:00',
        caseId: FIXTURE_IDS.caseId,
      },
      { correlationid: FIXTURE_IDS.interceptionEvent },
    ),
    'ministry.patrol.finding.recorded.v1': envelope(
      'ministry.patrol.finding.recorded.v1',
      FIXTURE_IDS.findingEvent,
      MINISTRY_SOURCE,
      '2025-07-03T14:00:00+07:00',
      {
        findingId: FIXTURE_IDS.findingId,
        recordedAt: '2025-07-03T14:00:00+07:00',
        platform: 'facebook',
        url: 'https://www.facebook.com/groups/loker-malaysia/posts/1234567890',
        postedAt: '2025-07-01T20:15:00+07:00',
        accountHandle: 'loker.malaysia.cepat',
        phoneNumbers: ['+6281234567890'],
        companyName: PLACEMENT_COMPANY.name,
        destinationCountry: 'MYS',
        summary:
          'Kebun sawit jobs in Johor, no fee, departure from Dumai within a week; contact by WhatsApp.',
        region: 'riau',
        caseIds: [],
      },
    ),
    'ministry.response.dispatched.v1': envelope(
      'ministry.response.dispatched.v1',
      FIXTURE_IDS.dispatchEvent,
      MINISTRY_SOURCE,
      '2025-07-05T03:40:00+07:00',
      {
        dispatchId: FIXTURE_IDS.dispatchId,
        alertId: FIXTURE_IDS.alertId,
        caseId: FIXTURE_IDS.caseId,
        team: 'Tim Reaksi Cepat Riau',
        dispatchedAt: '2025-07-05T03:40:00+07:00',
        dueBy: '2025-07-05T05:40:00+07:00',
      },
      { correlationid: FIXTURE_IDS.interceptionEvent },
    ),
    'immigration.screening.matched.v1': envelope(
      'immigration.screening.matched.v1',
      FIXTURE_IDS.matchEvent,
      checkpointSource('batam-center'),
      '2025-07-12T08:15:30.120+07:00',
      {
        screeningId: FIXTURE_IDS.screeningId,
        checkpoint: 'batam-center',
        occurredAt: '2025-07-12T08:15:30.120+07:00',
        entryId: FIXTURE_IDS.entryId,
        entryVersion: 1,
        score: 0.93,
        decision: 'deny',
        traveler: {
          fullName: 'Mochammad Jusuf',
          dateOfBirth: '1985-03-12',
          sex: 'M',
          passportNumber: 'C1234567',
        },
        origin: { unit: 'polda:riau', eventId: FIXTURE_IDS.arrestEvent, personId: FIXTURE_IDS.brokerSuspect },
      },
      { correlationid: FIXTURE_IDS.interceptionEvent, causationid: FIXTURE_IDS.issuedEvent },
    ),
    'immigration.departure.delayed.v1': envelope(
      'immigration.departure.delayed.v1',
      FIXTURE_IDS.delayEvent,
      checkpointSource('batam-center'),
      '2025-07-12T08:20:00+07:00',
      {
        delayId: FIXTURE_IDS.delayId,
        checkpoint: 'batam-center',
        occurredAt: '2025-07-12T08:20:00+07:00',
        traveler: {
          fullName: 'Mochammad Jusuf',
          dateOfBirth: '1985-03-12',
          sex: 'M',
          passportNumber: 'C1234567',
        },
        reason: 'watchlist_match',
        statedPurpose: 'tourism',
        destinationCountry: 'SGP',
        screeningId: FIXTURE_IDS.screeningId,
        entryId: FIXTURE_IDS.entryId,
        validUntil: '2025-08-11T08:20:00+07:00',
      },
      { correlationid: FIXTURE_IDS.interceptionEvent, causationid: FIXTURE_IDS.matchEvent },
    ),
  };
}

/**
 * One realistic valid event per type, keyed by type. Frozen deeply: use `validFixture(type)` for a
 * copy you may change.
 */
export const validFixtures: { readonly [T in EventType]: SimpulEvent<T> } = deepFreeze(
  structuredClone(buildValidFixtures()),
);

/** A fresh, mutable deep copy of the valid fixture of `type`. */
export function validFixture<T extends EventType>(type: T): SimpulEvent<T> {
  return structuredClone(buildValidFixtures()[type]) as SimpulEvent<T>;
}

/** Every valid fixture as a list. */
export function allValidFixtures(): AnyEvent[] {
  return structuredClone(Object.values(buildValidFixtures())) as AnyEvent[];
}

/** Watchlist entries of each legal type (cegah, cegah extended, dpo, advisory, protective), all valid. */
export function watchlistEntriesOfEachLegalType(): SimpulEvent<'ministry.watchlist.entry.issued.v1'>[] {
  const base = validFixture('ministry.watchlist.entry.issued.v1');
  const variant = (n: number, data: Partial<EventDataMap['ministry.watchlist.entry.issued.v1']>) => {
    const copy = validFixture('ministry.watchlist.entry.issued.v1');
    copy.id = fixtureUuid(0x600 + n);
    copy.data = { ...copy.data, entryId: fixtureUuid(0x700 + n), ...data };
    return copy;
  };
  return [
    base,
    variant(1, { validUntil: '2026-07-05T04:00:00Z', extensionDecisionNumber: 'IMI-2345.GR.02.06/2026' }),
    variant(2, {
      legalType: 'dpo',
      action: 'deny_departure',
      decisionNumber: 'DPO/45/VII/2025/Ditreskrimum',
    }),
    variant(3, { legalType: 'advisory', action: 'monitor', validUntil: '2026-07-05T04:00:00Z' }),
    (() => {
      const copy = validFixture('ministry.watchlist.entry.issued.v1');
      const { decisionNumber: _d, ...data } = copy.data;
      copy.id = fixtureUuid(0x604);
      copy.data = {
        ...data,
        entryId: fixtureUuid(0x704),
        legalType: 'protective',
        action: 'refer',
        person: person('Siti Aminah', '1999-11-04', 'F', 2),
        reason: 'Candidate held before departure at Dumai: interview and P4MI referral on any new attempt.',
        validUntil: '2025-10-03T04:00:00Z',
        origin: {
          unit: 'polda:riau',
          eventId: FIXTURE_IDS.interceptionEvent,
          personId: FIXTURE_IDS.candidate1,
        },
      };
      return copy;
    })(),
  ];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
