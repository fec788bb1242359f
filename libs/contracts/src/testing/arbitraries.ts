// fast-check arbitraries: valid events of every type (NIKs consistent with date of birth and sex,
// validity windows within their legal bounds), and mutations of valid events for fuzzing.
import * as fc from 'fast-check';
import {
  ALERT_KINDS,
  ALERT_SEVERITIES,
  checkpointSource,
  COMPANY_SANCTIONS,
  dataSchemaFor,
  DELAY_REASONS,
  EVENT_TYPES,
  MINISTRY_SOURCE,
  PATROL_PLATFORMS,
  nikDateDigits,
  poldaSource,
  SCREENING_DECISIONS,
  STATED_PURPOSES,
  SUSPECT_ROLES,
  SUSPECT_STATUSES,
  WATCHLIST_ACTIONS,
  type AnyEvent,
  type Company,
  type EventDataMap,
  type EventType,
  type Person,
  type Place,
  type SimpulEvent,
  type WatchlistOrigin,
} from '../index.js';
import { codePointLength } from '../common/decorators.js';
import { TRIMMED_PATTERN } from '../common/patterns.js';

const POLDAS = ['riau', 'kepri', 'kalbar', 'metro-jaya', 'jatim', 'ntt', 'papua-barat-daya'] as const;
const CHECKPOINTS = [
  'batam-center',
  'dumai',
  'soekarno-hatta',
  'nunukan',
  'entikong',
  'tanjung-balai-karimun',
] as const;
const WORDS = [
  'Siti',
  'Muhammad',
  'Moch.',
  'Nur',
  'Dewi',
  'Joko',
  'Djoko',
  'Yusuf',
  'Jusuf',
  'binti',
  'bin',
  'Hj.',
  'Rahmat',
  'Saputra',
];

/** Drops undefined properties, so generated objects look like parsed JSON. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

/** Trimmed text of 1..max code points: words, or arbitrary Unicode graphemes. */
export function textArbitrary(max: number): fc.Arbitrary<string> {
  const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join(' '));
  const unicode = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: Math.min(max, 40) })
    .filter((s) => s.length > 0 && TRIMMED_PATTERN.test(s) && codePointLength(s) <= max);
  return fc.oneof(words, unicode).filter((s) => codePointLength(s) <= max);
}

const uuidArb = fc.uuid();

/** An instant as text (with a zone, sometimes a fraction) and its epoch milliseconds. */
export interface GeneratedInstant {
  text: string;
  epochMs: number;
  offsetMinutes: number;
}

function formatInstant(epochMs: number, offsetMinutes: number, fractionDigits: number): string {
  const wall = new Date(epochMs + offsetMinutes * 60_000).toISOString(); // 2025-07-05T03:12:00.123Z
  const base = wall.slice(0, 19);
  const fraction = fractionDigits === 0 ? '' : `.${wall.slice(20, 23)}${'0'.repeat(fractionDigits - 3)}`;
  if (offsetMinutes === 0 && fractionDigits % 2 === 0) return `${base}${fraction}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${base}${fraction}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function instantAt(epochMs: number, offsetMinutes: number, fractionDigits: number): GeneratedInstant {
  const ms = fractionDigits === 0 ? Math.floor(epochMs / 1000) * 1000 : epochMs;
  return { text: formatInstant(ms, offsetMinutes, fractionDigits), epochMs: ms, offsetMinutes };
}

const offsetArb = fc.constantFrom(0, 420, 480, 540, -300, 345);
const digitsArb = fc.constantFrom(0, 3, 6);

/** An instant between 2020 and 2030 in one of several offsets. */
export const instantArbitrary: fc.Arbitrary<GeneratedInstant> = fc
  .tuple(fc.integer({ min: 1_577_836_800_000, max: 1_893_456_000_000 }), offsetArb, digitsArb)
  .map(([ms, offset, digits]) => instantAt(ms, offset, digits));

/** An instant `minMs`..`maxMs` after `from` (whole seconds, so no fraction rounds it back). */
function instantAfter(from: GeneratedInstant, minMs: number, maxMs: number): fc.Arbitrary<GeneratedInstant> {
  return fc
    .tuple(fc.integer({ min: Math.ceil(minMs / 1000), max: Math.floor(maxMs / 1000) }), offsetArb)
    .map(([seconds, offset]) => instantAt(from.epochMs + seconds * 1000, offset, 0));
}

const DAY = 86_400_000;

const dateOfBirthArb = fc
  .date({ min: new Date('1940-01-01T00:00:00Z'), max: new Date('2012-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A valid Person; when it has a NIK, the NIK agrees with its date of birth and sex, given or not. */
/** A phone number in E.164: Indonesian mobiles mostly, some other countries. */
const phoneArb: fc.Arbitrary<string> = fc.oneof(
  fc.stringMatching(/^\+628[1-9][0-9]{7,10}$/),
  fc.stringMatching(/^\+[1-9][0-9]{6,14}$/),
);

export const personArbitrary: fc.Arbitrary<Person> = fc
  .record({
    fullName: textArbitrary(120),
    aliases: maybe(fc.array(textArbitrary(120), { maxLength: 10 })),
    dateOfBirth: dateOfBirthArb,
    sex: fc.constantFrom('M' as const, 'F' as const),
    region: fc.integer({ min: 110101, max: 949999 }),
    serial: fc.integer({ min: 1, max: 9999 }),
    show: fc.record({ nik: fc.boolean(), dateOfBirth: fc.boolean(), sex: fc.boolean() }),
    passportNumber: maybe(fc.stringMatching(/^[A-Z0-9]{6,9}$/)),
    nationality: maybe(fc.constantFrom('IDN', 'MYS', 'SGP', 'SAU', 'HKG')),
    phoneNumbers: maybe(fc.array(phoneArb, { maxLength: 5 })),
  })
  .map((p) =>
    compact({
      fullName: p.fullName,
      aliases: p.aliases,
      nik: p.show.nik
        ? `${p.region}${nikDateDigits(p.dateOfBirth, p.sex)}${String(p.serial).padStart(4, '0')}`
        : undefined,
      passportNumber: p.passportNumber,
      dateOfBirth: p.show.dateOfBirth ? p.dateOfBirth : undefined,
      sex: p.show.sex ? p.sex : undefined,
      nationality: p.nationality,
      phoneNumbers: p.phoneNumbers,
    }),
  );

const placeArb: fc.Arbitrary<Place> = fc
  .record({
    name: textArbitrary(200),
    regency: maybe(textArbitrary(120)),
    province: maybe(textArbitrary(120)),
    latitude: maybe(fc.double({ min: -90, max: 90, noNaN: true })),
    longitude: maybe(fc.double({ min: -180, max: 180, noNaN: true })),
  })
  .map((p) =>
    compact({
      ...p,
      latitude: Object.is(p.latitude, -0) ? 0 : p.latitude,
      longitude: Object.is(p.longitude, -0) ? 0 : p.longitude,
    }),
  );

const companyArb: fc.Arbitrary<Company> = fc
  .record({ name: textArbitrary(200), licenseNumber: maybe(textArbitrary(100)) })
  .map(compact);

const originArb: fc.Arbitrary<WatchlistOrigin> = fc
  .record({
    unit: fc.oneof(
      fc.constantFrom(...POLDAS).map((c) => `polda:${c}`),
      fc.constantFrom(...CHECKPOINTS).map((c) => `checkpoint:${c}`),
    ),
    eventId: uuidArb,
    personId: maybe(uuidArb),
  })
  .map(compact);

const countryArb = fc.constantFrom('MYS', 'SGP', 'SAU', 'HKG', 'TWN', 'KHM');

function arrestData(): fc.Arbitrary<EventDataMap['police.arrest.recorded.v1']> {
  return fc
    .record({
      arrestId: uuidArb,
      reportNumber: textArbitrary(100),
      polda: fc.constantFrom(...POLDAS),
      occurredAt: instantArbitrary,
      location: placeArb,
      suspects: fc.array(
        fc
          .record({
            suspectId: uuidArb,
            person: personArbitrary,
            status: fc.constantFrom(...SUSPECT_STATUSES),
            role: fc.constantFrom(...SUSPECT_ROLES),
            company: maybe(companyArb),
          })
          .map(compact),
        { minLength: 1, maxLength: 12 },
      ),
      interceptionId: maybe(uuidArb),
      legalBasis: maybe(fc.array(textArbitrary(200), { maxLength: 20 })),
    })
    .map((d) => compact({ ...d, occurredAt: d.occurredAt.text }));
}

function interceptionData(): fc.Arbitrary<EventDataMap['police.departure.foiled.v1']> {
  return fc
    .record({
      interceptionId: uuidArb,
      polda: fc.constantFrom(...POLDAS),
      occurredAt: instantArbitrary,
      location: placeArb,
      route: fc
        .record({ exitPoint: maybe(fc.constantFrom(...CHECKPOINTS)), destinationCountry: countryArb })
        .map(compact),
      candidates: fc.array(
        fc.record({ candidateId: uuidArb, person: personArbitrary, minor: maybe(fc.boolean()) }).map(compact),
        { maxLength: 12 },
      ),
      extra: fc.nat({ max: 200 }),
      placementCompany: maybe(companyArb),
      suspectsArrested: maybe(fc.nat({ max: 10_000 })),
    })
    .map(({ extra, ...d }) =>
      compact({ ...d, occurredAt: d.occurredAt.text, candidateCount: d.candidates.length + extra }),
    );
}

function alertData(): fc.Arbitrary<EventDataMap['ministry.alert.raised.v1']> {
  return fc.record({
    alertId: uuidArb,
    caseId: uuidArb,
    severity: fc.constantFrom(...ALERT_SEVERITIES),
    kind: fc.constantFrom(...ALERT_KINDS),
    region: fc.constantFrom(...POLDAS, ...CHECKPOINTS),
    summary: textArbitrary(2000),
    sourceEventIds: fc.array(uuidArb, { minLength: 1, maxLength: 100 }),
  });
}

function issuedData(): fc.Arbitrary<EventDataMap['ministry.watchlist.entry.issued.v1']> {
  return fc
    .record({
      legalType: fc.constantFrom('cegah', 'dpo', 'advisory', 'protective') as fc.Arbitrary<
        EventDataMap['ministry.watchlist.entry.issued.v1']['legalType']
      >,
      extended: fc.boolean(),
      validFrom: instantArbitrary,
    })
    .chain(({ legalType, extended, validFrom }) => {
      // Bounds safely inside the legal limits: 6 calendar months are never fewer than 181 days.
      const maxMs =
        legalType === 'cegah'
          ? (extended ? 360 : 180) * DAY
          : legalType === 'protective'
            ? 90 * DAY
            : 3 * 365 * DAY;
      const cegah = legalType === 'cegah';
      return fc
        .record({
          entryId: uuidArb,
          version: fc.integer({ min: 1, max: 1000 }),
          action: fc.constantFrom(...WATCHLIST_ACTIONS),
          person: personArbitrary,
          reason: textArbitrary(2000),
          issuedBy: textArbitrary(200),
          decisionNumber: cegah ? textArbitrary(100) : maybe(textArbitrary(100)),
          validUntil: instantAfter(validFrom, 1000, maxMs),
          extensionDecisionNumber: cegah && extended ? textArbitrary(100) : fc.constant(undefined),
          caseId: maybe(uuidArb),
          origin: maybe(originArb),
        })
        .map((d) => compact({ ...d, legalType, validFrom: validFrom.text, validUntil: d.validUntil.text }));
    });
}

function revokedData(): fc.Arbitrary<EventDataMap['ministry.watchlist.entry.revoked.v1']> {
  return fc
    .record({
      entryId: uuidArb,
      version: fc.integer({ min: 1, max: 1000 }),
      reason: textArbitrary(2000),
      revokedAt: instantArbitrary,
    })
    .map((d) => ({ ...d, revokedAt: d.revokedAt.text }));
}

function sanctionData(): fc.Arbitrary<EventDataMap['ministry.company.sanctioned.v1']> {
  return instantArbitrary.chain((effectiveFrom) =>
    fc
      .record({
        companyId: uuidArb,
        company: companyArb,
        sanction: fc.constantFrom(...COMPANY_SANCTIONS),
        reason: textArbitrary(2000),
        effectiveUntil: maybe(instantAfter(effectiveFrom, 1000, 5 * 365 * DAY)),
        caseId: maybe(uuidArb),
      })
      .map((d) =>
        compact({ ...d, effectiveFrom: effectiveFrom.text, effectiveUntil: d.effectiveUntil?.text }),
      ),
  );
}

function findingData(): fc.Arbitrary<EventDataMap['ministry.patrol.finding.recorded.v1']> {
  return fc
    .record({
      findingId: uuidArb,
      recordedAt: instantArbitrary,
      platform: fc.constantFrom(...PATROL_PLATFORMS),
      url: fc.stringMatching(/^https?:\/\/[a-z0-9.-]{1,40}(?:\/[a-z0-9/_?=&%.-]{0,80})?$/),
      postedAt: maybe(instantArbitrary),
      accountHandle: maybe(fc.stringMatching(/^@?[A-Za-z0-9._-]{1,100}$/)),
      phoneNumbers: maybe(fc.array(phoneArb, { maxLength: 5 })),
      companyName: maybe(textArbitrary(200)),
      destinationCountry: maybe(countryArb),
      summary: textArbitrary(2000),
      region: maybe(fc.constantFrom(...POLDAS)),
      caseIds: maybe(fc.array(uuidArb, { maxLength: 100 })),
    })
    .map((d) => compact({ ...d, recordedAt: d.recordedAt.text, postedAt: d.postedAt?.text }));
}

function dispatchData(): fc.Arbitrary<EventDataMap['ministry.response.dispatched.v1']> {
  return instantArbitrary.chain((dispatchedAt) =>
    fc
      .record({
        dispatchId: uuidArb,
        alertId: uuidArb,
        caseId: uuidArb,
        team: textArbitrary(120),
        dueBy: instantAfter(dispatchedAt, 1000, 7 * DAY),
      })
      .map((d) => ({ ...d, dispatchedAt: dispatchedAt.text, dueBy: d.dueBy.text })),
  );
}

function matchData(): fc.Arbitrary<EventDataMap['immigration.screening.matched.v1']> {
  return fc
    .record({
      screeningId: uuidArb,
      checkpoint: fc.constantFrom(...CHECKPOINTS),
      occurredAt: instantArbitrary,
      entryId: uuidArb,
      entryVersion: fc.integer({ min: 1, max: 1000 }),
      score: fc.double({ min: 0, max: 1, noNaN: true }).map((s) => (Object.is(s, -0) ? 0 : s)),
      decision: fc.constantFrom(...SCREENING_DECISIONS),
      traveler: personArbitrary,
      origin: maybe(originArb),
    })
    .map((d) => compact({ ...d, occurredAt: d.occurredAt.text }));
}

function delayData(): fc.Arbitrary<EventDataMap['immigration.departure.delayed.v1']> {
  return instantArbitrary.chain((occurredAt) =>
    fc
      .record({
        delayId: uuidArb,
        checkpoint: fc.constantFrom(...CHECKPOINTS),
        traveler: personArbitrary,
        reason: fc.constantFrom(...DELAY_REASONS),
        statedPurpose: maybe(fc.constantFrom(...STATED_PURPOSES)),
        destinationCountry: maybe(countryArb),
        screeningId: maybe(uuidArb),
        entryId: maybe(uuidArb),
        validUntil: instantAfter(occurredAt, 1000, 30 * DAY),
      })
      .map((d) => compact({ ...d, occurredAt: occurredAt.text, validUntil: d.validUntil.text })),
  );
}

const DATA: { [T in EventType]: () => fc.Arbitrary<EventDataMap[T]> } = {
  'police.arrest.recorded.v1': arrestData,
  'police.departure.foiled.v1': interceptionData,
  'ministry.alert.raised.v1': alertData,
  'ministry.watchlist.entry.issued.v1': issuedData,
  'ministry.watchlist.entry.revoked.v1': revokedData,
  'ministry.company.sanctioned.v1': sanctionData,
  'ministry.patrol.finding.recorded.v1': findingData,
  'ministry.response.dispatched.v1': dispatchData,
  'immigration.screening.matched.v1': matchData,
  'immigration.departure.delayed.v1': delayData,
};

function sourceOf(type: EventType, data: object): fc.Arbitrary<string> {
  const d = data as { polda?: string; checkpoint?: string };
  if (type.startsWith('police.')) return fc.constant(poldaSource(d.polda!));
  if (type.startsWith('immigration.')) return fc.constant(checkpointSource(d.checkpoint!));
  return fc.constantFrom(MINISTRY_SOURCE, '/kp2mi/desk');
}

/** Valid events of `type`: random envelope (ids, time, optional attributes) around valid data. */
export function eventArbitrary<T extends EventType>(type: T): fc.Arbitrary<SimpulEvent<T>> {
  return (DATA[type]() as fc.Arbitrary<EventDataMap[T]>).chain((data) =>
    fc
      .record({
        id: uuidArb,
        source: sourceOf(type, data),
        subject: maybe(textArbitrary(200)),
        time: instantArbitrary,
        correlationid: uuidArb,
        causationid: maybe(uuidArb),
      })
      .map(
        (e) =>
          compact({
            specversion: '1.0',
            id: e.id,
            source: e.source,
            type,
            subject: e.subject,
            time: e.time.text,
            datacontenttype: 'application/json',
            dataschema: dataSchemaFor(type),
            correlationid: e.correlationid,
            causationid: e.causationid,
            data,
          }) as SimpulEvent<T>,
      ),
  );
}

/** Valid events of any type. */
export const anyEventArbitrary: fc.Arbitrary<AnyEvent> = fc.oneof(
  ...EVENT_TYPES.map((t) => eventArbitrary(t) as fc.Arbitrary<AnyEvent>),
);

// ---------------------------------------------------------------------------------------------------
// Mutations

type Json = unknown;
type Slot = { parent: Record<string, Json> | Json[]; key: string | number };

function slotsOf(root: Json): Slot[] {
  const slots: Slot[] = [];
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        slots.push({ parent: node, key: i });
        visit(child);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const key of Object.keys(node)) {
        slots.push({ parent: node as Record<string, Json>, key });
        visit((node as Record<string, Json>)[key]);
      }
    }
  };
  visit(root);
  return slots;
}

const REPLACEMENTS: Json[] = [
  null,
  0,
  -1,
  1.5,
  1e21,
  2 ** 31,
  '',
  ' padded ',
  'x'.repeat(130),
  'y'.repeat(2100),
  true,
  false,
  [],
  {},
  [1],
  { a: 1 },
  '2025-07-05T03:12:00',
  '2025-02-30T00:00:00Z',
  '2025-07-05T03:12:00+07:00',
  '2025-07-05',
  'urn:uuid:0197d8a0-3c00-7000-8000-000000000001',
  '0197d8a0-3c00-7000-8000-000000000001',
  '1472011203850001',
  '1472015203850001',
  'riau',
  'F',
  'M',
  'cegah',
  'protective',
  '/polri/polda/riau',
  '/kp2mi/ministry',
  'IDN',
  '\u{1F600}',
];

const INJECTED_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'extra',
  '',
  'a.b',
  'k'.repeat(100),
];

const INSTANT_KEYS = new Set([
  'validFrom',
  'validUntil',
  'occurredAt',
  'effectiveFrom',
  'effectiveUntil',
  'revokedAt',
  'time',
]);
const DELETE = Symbol('delete');
// Values that keep a field well-typed but may break a cross-field rule.
const FLIPS: Record<string, Array<Json | typeof DELETE>> = {
  sex: ['M', 'F', DELETE],
  dateOfBirth: ['1985-03-12', '1999-11-04', '2000-02-29', DELETE],
  legalType: ['cegah', 'protective', 'dpo', 'advisory'],
  decisionNumber: [DELETE, 'KEP-1/2025'],
  extensionDecisionNumber: [DELETE, 'KEP-2/2026'],
  candidateCount: [0, 1, 2, 3, 100000],
  source: [
    '/polri/polda/riau',
    '/polri/polda/kepri',
    '/imigrasi/tpi/batam-center',
    '/kp2mi/ministry',
    '/kp2mi/desk',
  ],
  polda: ['riau', 'kepri'],
  checkpoint: ['batam-center', 'dumai'],
};

function nestDeep(levels: number): Json {
  let value: Json = 1;
  for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { n: value };
  return value;
}

/** One change to a JSON tree. */
export interface Mutation {
  kind: 'delete' | 'replace' | 'inject' | 'deepen' | 'nik' | 'pad' | 'grow' | 'number' | 'retime' | 'flip';
  at: number;
  pick: number;
  digits: string;
}

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.record({
  // The semantic kinds (retime, flip) are listed twice: they are what reaches the cross-field rules.
  kind: fc.constantFrom(
    'delete',
    'replace',
    'inject',
    'deepen',
    'nik',
    'pad',
    'grow',
    'number',
    'retime',
    'retime',
    'flip',
    'flip',
  ),
  at: fc.nat(),
  pick: fc.nat(),
  digits: fc.stringMatching(/^[0-9]{16}$/),
});

/** Applies mutations to a deep copy of `event` and returns the copy (which may hold an own `__proto__`). */
export function applyMutations(event: unknown, mutations: readonly Mutation[]): unknown {
  const root = structuredClone(event) as Json;
  for (const m of mutations) {
    const slots = slotsOf(root);
    if (slots.length === 0) break;
    const { parent, key } = slots[m.at % slots.length];
    const obj = parent as Record<string | number, Json>;
    const value = obj[key];
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete obj[key];
        break;
      case 'replace':
        obj[key] = structuredClone(REPLACEMENTS[m.pick % REPLACEMENTS.length]);
        break;
      case 'inject': {
        const target = typeof value === 'object' && value !== null && !Array.isArray(value) ? value : root;
        if (typeof target !== 'object' || target === null || Array.isArray(target)) break;
        // defineProperty makes `__proto__` an own property, as JSON.parse does.
        Object.defineProperty(target, INJECTED_KEYS[m.pick % INJECTED_KEYS.length], {
          value: m.pick % 2,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        break;
      }
      case 'deepen':
        obj[key] = nestDeep(5 + (m.pick % 20));
        break;
      case 'nik': {
        const niks = slots.filter((s) => s.key === 'nik');
        const slot = niks.length > 0 ? niks[m.pick % niks.length] : { parent, key };
        (slot.parent as Record<string | number, Json>)[slot.key] =
          m.pick % 5 === 0 ? Number(m.digits) : m.digits;
        break;
      }
      case 'pad':
        if (typeof value === 'string') obj[key] = m.pick % 2 === 0 ? ` ${value}` : `${value}\t`;
        break;
      case 'grow':
        if (Array.isArray(value) && value.length > 0) {
          const extra = [11, 101, 201][m.pick % 3];
          for (let i = 0; i < extra; i++) value.push(structuredClone(value[i % value.length]));
        }
        break;
      case 'number':
        obj[key] = [-1, 0, 0.5, 1e9, -0.0001, 2 ** 31, 91, 181][m.pick % 8];
        break;
      case 'retime': {
        // Moves one instant by -40..+400 days, keeping its format: validity windows get crossed.
        const instants = slots.filter((s) => INSTANT_KEYS.has(String(s.key)));
        if (instants.length === 0) break;
        const slot = instants[m.at % instants.length];
        const holder = slot.parent as Record<string | number, Json>;
        const text = holder[slot.key];
        if (typeof text !== 'string') break;
        const parsed = Date.parse(text);
        if (Number.isNaN(parsed)) break;
        const days = (m.pick % 441) - 40;
        holder[slot.key] = formatInstant(
          parsed + days * DAY + (m.pick % 3) * 1000,
          [0, 420, -300][m.pick % 3],
          0,
        );
        break;
      }
      case 'flip': {
        const flippable = slots.filter((s) => String(s.key) in FLIPS);
        if (flippable.length === 0) break;
        const slot = flippable[m.at % flippable.length];
        const choices = FLIPS[String(slot.key)];
        const choice = choices[m.pick % choices.length];
        const holder = slot.parent as Record<string | number, Json>;
        if (choice === DELETE) delete holder[slot.key];
        else holder[slot.key] = choice;
        break;
      }
    }
  }
  return root;
}

/** Valid events with 1-3 random mutations applied, as JSON text (what a consumer would receive). */
export const mutatedEventArbitrary: fc.Arbitrary<string> = fc
  .tuple(anyEventArbitrary, fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }))
  .map(([event, mutations]) => JSON.stringify(applyMutations(event, mutations)));
