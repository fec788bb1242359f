import { buildEvent, checkpointSource, poldaSource, type AnyEvent, type Person } from '@simpul/contracts';
import { fixtureNik } from '@simpul/contracts/testing';

// A deterministic workload for the ministry: the same event ids, persons and instants every time it
// is built with the same `t0`, so one run can be compared with another. Groups share no key with
// each other; within a group every event names the interception, so the events of a group meet in
// one case whatever order they are applied in.

const DAY = 86_400_000;
const POLDAS = ['riau', 'kepri'] as const;
/** The checkpoint each Polda's departures leave through. */
const EXIT_POINT: Record<(typeof POLDAS)[number], string> = { riau: 'dumai', kepri: 'batam-center' };
const NIK_REGION: Record<(typeof POLDAS)[number], string> = { riau: '147201', kepri: '217101' };

export interface GroupIds {
  g: number;
  polda: (typeof POLDAS)[number];
  checkpoint: string;
  interceptionId: string;
  foiledEventId: string;
  arrestEventId: string;
  reArrestEventId: string;
  /** The suspect at large in the arrest (a dpo entry), arrested again, detained, in the re-arrest. */
  fugitive: Person;
  fugitiveSuspectId: string;
  /** The detained suspect of the arrest (an advisory entry). */
  detained: Person;
  detainedSuspectId: string;
}

/** `kind`, group and index into a UUIDv7-shaped id: the same triple, the same id. */
function idOf(kind: number, g: number, i = 0): string {
  const tail = (kind * 0x1000000 + g * 0x1000 + i).toString(16).padStart(12, '0');
  return `0197d8a0-3c00-7000-8000-${tail}`;
}

function personOf(g: number, i: number, polda: (typeof POLDAS)[number]): Person {
  const sex = i % 2 === 0 ? 'M' : 'F';
  const dateOfBirth = `19${70 + ((g * 7 + i) % 29)}-0${1 + (i % 9)}-${String(10 + (g % 18)).padStart(2, '0')}`;
  const given = ['Rahmat', 'Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Joko', 'Nur'][i % 8];
  return {
    fullName: `${given} Kelompok${g} Urut${i}`,
    nik: fixtureNik(dateOfBirth, sex, 100 * g + i + 1, NIK_REGION[polda]),
    dateOfBirth,
    sex,
    nationality: 'IDN',
  };
}

export function groupIds(g: number): GroupIds {
  const polda = POLDAS[g % 2]!;
  return {
    g,
    polda,
    checkpoint: EXIT_POINT[polda],
    interceptionId: idOf(1, g),
    foiledEventId: idOf(2, g),
    arrestEventId: idOf(3, g),
    reArrestEventId: idOf(4, g),
    fugitive: personOf(g, 90, polda),
    fugitiveSuspectId: idOf(5, g, 0),
    detained: personOf(g, 91, polda),
    detainedSuspectId: idOf(5, g, 1),
  };
}

/**
 * Group `g`'s police events: a foiled departure of `candidates` prospective workers, the arrest
 * it led to (one suspect at large, one detained) and a re-arrest of the fugitive under another
 * report, all naming the interception.
 */
export function policeEvents(t0: number, g: number, candidates: number): AnyEvent[] {
  const ids = groupIds(g);
  const { polda } = ids;
  const at = (hours: number) => new Date(t0 + g * 60_000 + hours * 3_600_000).toISOString();
  const location = { name: `Pelabuhan ${g}`, regency: 'Kota Dumai', province: 'Riau' };
  const foiled = buildEvent(
    'police.departure.foiled.v1',
    {
      interceptionId: ids.interceptionId,
      polda,
      occurredAt: at(0),
      location,
      route: { exitPoint: ids.checkpoint, destinationCountry: 'MYS' },
      candidates: Array.from({ length: candidates }, (_, i) => ({
        candidateId: idOf(6, g, i),
        person: personOf(g, i, polda),
        minor: false,
      })),
      candidateCount: candidates + (g % 3),
      ...(g % 2 === 0
        ? { placementCompany: { name: `PT Penyalur ${g}`, licenseNumber: `KEP.${g}/2021` } }
        : {}),
      suspectsArrested: 1,
    },
    { id: ids.foiledEventId, source: poldaSource(polda), time: new Date(at(0)) },
  );
  const arrest = buildEvent(
    'police.arrest.recorded.v1',
    {
      arrestId: idOf(7, g),
      reportNumber: `LP/B/${100 + g}/IX/2025/SPKT/POLDA ${polda.toUpperCase()}`,
      polda,
      occurredAt: at(2),
      location,
      interceptionId: ids.interceptionId,
      suspects: [
        { suspectId: ids.fugitiveSuspectId, person: ids.fugitive, status: 'at_large', role: 'broker' },
        { suspectId: ids.detainedSuspectId, person: ids.detained, status: 'detained', role: 'recruiter' },
      ],
    },
    { id: ids.arrestEventId, source: poldaSource(polda), time: new Date(at(2)) },
  );
  const reArrest = buildEvent(
    'police.arrest.recorded.v1',
    {
      arrestId: idOf(7, g, 1),
      reportNumber: `LP/B/${500 + g}/IX/2025/SPKT/POLDA ${polda.toUpperCase()}`,
      polda,
      occurredAt: at(30),
      location,
      interceptionId: ids.interceptionId,
      suspects: [{ suspectId: idOf(5, g, 2), person: ids.fugitive, status: 'detained', role: 'broker' }],
    },
    { id: ids.reArrestEventId, source: poldaSource(polda), time: new Date(at(30)) },
  );
  return [foiled, arrest, reArrest];
}

/**
 * Group `g`'s checkpoint events, once the ministry issued its entries: the fugitive matched on the
 * dpo entry `fugitiveEntryId`, and for even groups the departure delayed on it; for groups 1 mod
 * 4 a delay of an unlisted traveller (a case of its own).
 */
export function checkpointEvents(t0: number, g: number, fugitiveEntryId: string): AnyEvent[] {
  const ids = groupIds(g);
  const { checkpoint } = ids;
  const occurredAt = new Date(t0 + 2 * DAY + g * 60_000).toISOString();
  const source = checkpointSource(checkpoint);
  const screeningId = idOf(8, g);
  const events: AnyEvent[] = [
    buildEvent(
      'immigration.screening.matched.v1',
      {
        screeningId,
        checkpoint,
        occurredAt,
        entryId: fugitiveEntryId,
        entryVersion: 1,
        score: 0.97,
        decision: 'deny',
        traveler: ids.fugitive,
        origin: { unit: `polda:${ids.polda}`, eventId: ids.arrestEventId, personId: ids.fugitiveSuspectId },
      },
      { id: idOf(9, g), source, time: new Date(occurredAt) },
    ),
  ];
  const delay = (n: number, traveler: Person, entry: { entryId: string; screeningId: string } | null) =>
    buildEvent(
      'immigration.departure.delayed.v1',
      {
        delayId: idOf(10, g, n),
        checkpoint,
        occurredAt,
        traveler,
        reason: entry ? 'watchlist_match' : 'non_procedural_worker',
        statedPurpose: 'tourism',
        destinationCountry: 'MYS',
        ...(entry ?? {}),
        validUntil: new Date(Date.parse(occurredAt) + 20 * DAY).toISOString(),
      },
      { id: idOf(11, g, n), source, time: new Date(occurredAt) },
    );
  if (g % 2 === 0) events.push(delay(0, ids.fugitive, { entryId: fugitiveEntryId, screeningId }));
  if (g % 4 === 1) events.push(delay(1, personOf(g, 95, ids.polda), null));
  return events;
}

/** A desk cegah on group `g`'s detained suspect, on the group's case (POST /v1/watchlist body). */
export function cegahBody(t0: number, g: number, caseId: string): Record<string, unknown> {
  const { detained } = groupIds(g);
  return {
    legalType: 'cegah',
    action: 'deny_departure',
    person: detained,
    reason: `Cegah on request of the investigators, group ${g}.`,
    issuedBy: 'Direktur Jenderal Imigrasi',
    decisionNumber: `KEP-CGH-${g}/2025`,
    validFrom: new Date(t0).toISOString(),
    validUntil: new Date(t0 + 120 * DAY).toISOString(),
    caseId,
  };
}
