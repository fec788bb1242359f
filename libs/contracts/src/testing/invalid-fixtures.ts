// Invalid payloads, each with the exact issues (path and rule) it must produce. `build` returns
// what a consumer would receive: an object (serialised by the test), a string, or bytes.
// `schemaDetectable`: the JSON Schema of `type` alone rejects it (false for the cross-field rules and
// for what only bytes can show).
import { MAX_CANDIDATES, type EventDataMap, type EventType, type SimpulEvent } from '../index.js';
import { arrestWithSuspects, interceptionWithCandidates } from './big-events.js';
import { fixtureUuid, validFixture } from './fixtures.js';

export interface ExpectedIssue {
  path: string;
  rule: string;
}

export interface InvalidFixture {
  name: string;
  /** The type whose schema the payload claims (or tries) to follow. */
  type: EventType;
  build: () => unknown;
  expect: ExpectedIssue[];
  schemaDetectable: boolean;
}

type Loose = Record<string, unknown> & { data: Record<string, unknown> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Deep = any; // test payloads are deliberately ill-typed

/** A copy of the valid fixture of `type`, changed by `change`. */
function mutated<T extends EventType>(type: T, change: (event: Deep, data: Deep) => void): () => Loose {
  return () => {
    const event = validFixture(type) as unknown as Loose;
    change(event, event.data);
    return event;
  };
}

function nest(levels: number): unknown {
  return levels === 0 ? 1 : [nest(levels - 1)];
}

function withData<T extends EventType>(type: T, data: Partial<EventDataMap[T]>): () => SimpulEvent<T> {
  return () => {
    const event = validFixture(type);
    event.data = { ...event.data, ...data };
    return event;
  };
}

const A = 'police.arrest.recorded.v1' as const;
const F = 'police.departure.foiled.v1' as const;
const AL = 'ministry.alert.raised.v1' as const;
const W = 'ministry.watchlist.entry.issued.v1' as const;
const R = 'ministry.watchlist.entry.revoked.v1' as const;
const S = 'ministry.company.sanctioned.v1' as const;
const P = 'ministry.patrol.finding.recorded.v1' as const;
const RD = 'ministry.response.dispatched.v1' as const;
const M = 'immigration.screening.matched.v1' as const;
const D = 'immigration.departure.delayed.v1' as const;

const suspect0 = 'data.suspects[0].person';

export const invalidFixtures: readonly InvalidFixture[] = [
  // --- bytes, JSON and guards -----------------------------------------------------------------
  {
    name: 'truncated JSON',
    type: A,
    build: () => '{"specversion": "1.0", ',
    expect: [{ path: '', rule: 'json' }],
    schemaDetectable: false,
  },
  {
    name: 'invalid UTF-8 bytes',
    type: A,
    build: () => Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    expect: [{ path: '', rule: 'json' }],
    schemaDetectable: false,
  },
  {
    name: 'byte order mark before the JSON',
    type: A,
    build: () => `\uFEFF${JSON.stringify(validFixture(A))}`,
    expect: [{ path: '', rule: 'json' }],
    schemaDetectable: false,
  },
  {
    name: 'event over 256 KiB',
    type: F,
    build: () => JSON.stringify(interceptionWithCandidates(MAX_CANDIDATES, { full: true })),
    expect: [{ path: '', rule: 'maxBytes' }],
    schemaDetectable: false,
  },
  {
    name: 'nesting deeper than 12',
    type: A,
    build: mutated(A, (_e, d) => (d.deep = nest(20))),
    expect: [{ path: 'data.deep[0][0][0][0][0][0][0][0][0][0]', rule: 'maxDepth' }],
    schemaDetectable: true,
  },
  {
    name: '__proto__ key inside data',
    type: A,
    build: () =>
      JSON.stringify(validFixture(A)).replace('"arrestId"', '"__proto__":{"polluted":true},"arrestId"'),
    expect: [{ path: 'data.__proto__', rule: 'forbiddenKey' }],
    schemaDetectable: true,
  },
  {
    name: 'constructor key inside a person',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].person.constructor = { prototype: {} })),
    expect: [{ path: `${suspect0}.constructor`, rule: 'forbiddenKey' }],
    schemaDetectable: true,
  },
  {
    name: 'prototype key at the root',
    type: R,
    build: mutated(R, (e) => (e.prototype = {})),
    expect: [{ path: 'prototype', rule: 'forbiddenKey' }],
    schemaDetectable: true,
  },
  {
    name: 'toString key (shadows Object.prototype)',
    type: S,
    build: mutated(S, (_e, d) => (d.company.toString = 'x')),
    expect: [{ path: 'data.company.toString', rule: 'forbiddenKey' }],
    schemaDetectable: true,
  },
  {
    name: 'JSON array instead of an event',
    type: A,
    build: () => [],
    expect: [{ path: '', rule: 'type' }],
    schemaDetectable: true,
  },

  // --- envelope ---------------------------------------------------------------------------------
  {
    name: 'type missing',
    type: A,
    build: mutated(A, (e) => delete e.type),
    expect: [{ path: 'type', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'unknown event type',
    type: A,
    build: mutated(A, (e) => (e.type = 'police.arrest.recorded.v9')),
    expect: [{ path: 'type', rule: 'unknownType' }],
    schemaDetectable: true,
  },
  {
    name: 'type as a number',
    type: A,
    build: mutated(A, (e) => (e.type = 1)),
    expect: [{ path: 'type', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'specversion 0.3',
    type: A,
    build: mutated(A, (e) => (e.specversion = '0.3')),
    expect: [{ path: 'specversion', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'id not a UUID',
    type: A,
    build: mutated(A, (e) => (e.id = 'LP-123')),
    expect: [{ path: 'id', rule: 'uuid' }],
    schemaDetectable: true,
  },
  {
    name: 'causationid with a urn:uuid: prefix',
    type: A,
    build: mutated(A, (e) => (e.causationid = `urn:uuid:${fixtureUuid(1)}`)),
    expect: [{ path: 'causationid', rule: 'uuid' }],
    schemaDetectable: true,
  },
  {
    name: 'time without a zone',
    type: A,
    build: mutated(A, (e) => (e.time = '2025-07-05T03:12:00')),
    expect: [{ path: 'time', rule: 'dateTime' }],
    schemaDetectable: true,
  },
  {
    name: 'time on 30 February',
    type: M,
    build: mutated(M, (e) => (e.time = '2025-02-30T08:15:30Z')),
    expect: [{ path: 'time', rule: 'dateTime' }],
    schemaDetectable: true,
  },
  {
    name: 'datacontenttype text/plain',
    type: AL,
    build: mutated(AL, (e) => (e.datacontenttype = 'text/plain')),
    expect: [{ path: 'datacontenttype', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'dataschema of another type',
    type: AL,
    build: mutated(AL, (e) => (e.dataschema = 'urn:simpul:schema:police.arrest.recorded.v1')),
    expect: [{ path: 'dataschema', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'correlationid missing',
    type: W,
    build: mutated(W, (e) => delete e.correlationid),
    expect: [{ path: 'correlationid', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'unknown envelope attribute (traceparent belongs in headers)',
    type: D,
    build: mutated(D, (e) => (e.traceparent = '00-abc-def-01')),
    expect: [{ path: 'traceparent', rule: 'unknownProperty' }],
    schemaDetectable: true,
  },
  {
    name: 'subject with leading whitespace',
    type: A,
    build: mutated(A, (e) => (e.subject = ' case/LP-1')),
    expect: [{ path: 'subject', rule: 'trimmed' }],
    schemaDetectable: true,
  },
  {
    name: 'data missing',
    type: R,
    build: mutated(R, (e) => delete e.data),
    expect: [{ path: 'data', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'data null',
    type: R,
    build: mutated(R, (e) => (e.data = null)),
    expect: [{ path: 'data', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'source of another Polda',
    type: A,
    build: mutated(A, (e) => (e.source = '/polri/polda/kepri')),
    expect: [{ path: 'source', rule: 'sourceNamesUnit' }],
    schemaDetectable: false,
  },
  {
    name: 'match published by another checkpoint',
    type: M,
    build: mutated(M, (e) => (e.source = '/imigrasi/tpi/dumai')),
    expect: [{ path: 'source', rule: 'sourceNamesUnit' }],
    schemaDetectable: false,
  },
  {
    name: 'ministry event from a police source',
    type: W,
    build: mutated(W, (e) => (e.source = '/polri/polda/riau')),
    expect: [{ path: 'source', rule: 'sourceNamesUnit' }],
    schemaDetectable: false,
  },
  {
    name: 'source with upper case',
    type: A,
    build: mutated(A, (e) => (e.source = '/polri/polda/Riau')),
    expect: [{ path: 'source', rule: 'pattern' }],
    schemaDetectable: true,
  },

  // --- police.arrest.recorded.v1 ------------------------------------------------------------------
  {
    name: 'reportNumber empty',
    type: A,
    build: mutated(A, (_e, d) => (d.reportNumber = '')),
    expect: [{ path: 'data.reportNumber', rule: 'minLength' }],
    schemaDetectable: true,
  },
  {
    name: 'reportNumber of 101 characters',
    type: A,
    build: mutated(A, (_e, d) => (d.reportNumber = 'L'.repeat(101))),
    expect: [{ path: 'data.reportNumber', rule: 'maxLength' }],
    schemaDetectable: true,
  },
  {
    name: 'polda code with a dot (would break the subject)',
    type: A,
    build: mutated(A, (e, d) => {
      d.polda = 'riau.x';
      e.source = '/polri/polda/riau.x';
    }),
    expect: [
      { path: 'data.polda', rule: 'pattern' },
      { path: 'source', rule: 'pattern' },
    ],
    schemaDetectable: true,
  },
  {
    name: 'no suspects',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects = [])),
    expect: [{ path: 'data.suspects', rule: 'arrayMinSize' }],
    schemaDetectable: true,
  },
  {
    name: '201 suspects',
    type: A,
    build: () => arrestWithSuspects(201),
    expect: [{ path: 'data.suspects', rule: 'arrayMaxSize' }],
    schemaDetectable: true,
  },
  {
    name: 'suspect status unknown',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[1].status = 'escaped')),
    expect: [{ path: 'data.suspects[1].status', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'suspect role missing',
    type: A,
    build: mutated(A, (_e, d) => delete d.suspects[0].role),
    expect: [{ path: 'data.suspects[0].role', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'suspect that is an array',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[1] = [d.suspects[1]])),
    expect: [{ path: 'data.suspects[1]', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'unknown property in a suspect',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].nickname = 'Ucok')),
    expect: [{ path: 'data.suspects[0].nickname', rule: 'unknownProperty' }],
    schemaDetectable: true,
  },
  {
    name: 'location latitude 91',
    type: A,
    build: mutated(A, (_e, d) => (d.location.latitude = 91)),
    expect: [{ path: 'data.location.latitude', rule: 'max' }],
    schemaDetectable: true,
  },
  {
    name: 'location longitude as a string',
    type: A,
    build: mutated(A, (_e, d) => (d.location.longitude = '101.59')),
    expect: [{ path: 'data.location.longitude', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'legalBasis entry with trailing whitespace',
    type: A,
    build: mutated(A, (_e, d) => (d.legalBasis[1] = 'UU 18/2017 Pasal 81 ')),
    expect: [{ path: 'data.legalBasis[1]', rule: 'trimmed' }],
    schemaDetectable: true,
  },

  // --- Person --------------------------------------------------------------------------------------
  {
    name: 'NIK sent as a number',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].person.nik = 1472011203850001)),
    expect: [{ path: `${suspect0}.nik`, rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'NIK of 15 digits',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].person.nik = '147201120385001')),
    expect: [{ path: `${suspect0}.nik`, rule: 'nikStructure' }],
    schemaDetectable: true,
  },
  {
    name: 'NIK with day 35 (neither a man\u2019s nor a woman\u2019s day)',
    type: A,
    build: mutated(A, (_e, d) => {
      const p = d.suspects[0].person;
      p.nik = '1472013503850001';
      delete p.dateOfBirth;
      delete p.sex;
    }),
    expect: [{ path: `${suspect0}.nik`, rule: 'nikStructure' }],
    schemaDetectable: false,
  },
  {
    name: 'NIK dated 30 February',
    type: W,
    build: mutated(W, (_e, d) => {
      d.person.nik = '1472013002850001';
      delete d.person.dateOfBirth;
    }),
    expect: [{ path: 'data.person.nik', rule: 'nikStructure' }],
    schemaDetectable: false,
  },
  {
    name: 'NIK disagreeing with dateOfBirth',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].person.dateOfBirth = '1985-03-13')),
    expect: [{ path: `${suspect0}.nik`, rule: 'nikMatchesDateOfBirth' }],
    schemaDetectable: false,
  },
  {
    name: 'woman\u2019s NIK (day+40) for sex M',
    type: F,
    build: mutated(F, (_e, d) => (d.candidates[0].person.sex = 'M')),
    expect: [{ path: 'data.candidates[0].person.nik', rule: 'nikMatchesSex' }],
    schemaDetectable: false,
  },
  {
    name: 'dateOfBirth 29 February of a common year',
    type: M,
    build: mutated(M, (_e, d) => (d.traveler.dateOfBirth = '1985-02-29')),
    expect: [{ path: 'data.traveler.dateOfBirth', rule: 'date' }],
    schemaDetectable: true,
  },
  {
    name: 'passport number in lower case',
    type: M,
    build: mutated(M, (_e, d) => (d.traveler.passportNumber = 'c1234567')),
    expect: [{ path: 'data.traveler.passportNumber', rule: 'pattern' }],
    schemaDetectable: true,
  },
  {
    name: 'nationality in lower case',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[1].person.nationality = 'idn')),
    expect: [{ path: 'data.suspects[1].person.nationality', rule: 'pattern' }],
    schemaDetectable: true,
  },
  {
    name: 'eleven aliases',
    type: A,
    build: mutated(
      A,
      (_e, d) => (d.suspects[0].person.aliases = Array.from({ length: 11 }, (_, i) => `Alias ${i}`)),
    ),
    expect: [{ path: `${suspect0}.aliases`, rule: 'arrayMaxSize' }],
    schemaDetectable: true,
  },
  {
    name: 'alias with a trailing space',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].person.aliases[1] = 'Pak Ucok ')),
    expect: [{ path: `${suspect0}.aliases[1]`, rule: 'trimmed' }],
    schemaDetectable: true,
  },
  {
    name: 'fullName null',
    type: D,
    build: mutated(D, (_e, d) => (d.traveler.fullName = null)),
    expect: [{ path: 'data.traveler.fullName', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'traveller without fullName',
    type: D,
    build: mutated(D, (_e, d) => delete d.traveler.fullName),
    expect: [{ path: 'data.traveler.fullName', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'fullName of 121 characters (astral characters count once)',
    type: D,
    build: mutated(D, (_e, d) => (d.traveler.fullName = '\u{1F600}'.repeat(121))),
    expect: [{ path: 'data.traveler.fullName', rule: 'maxLength' }],
    schemaDetectable: true,
  },

  // --- police.departure.foiled.v1 ----------------------------------------------------------------------
  {
    name: 'candidateCount below the candidates listed',
    type: F,
    build: mutated(F, (_e, d) => (d.candidateCount = 2)),
    expect: [{ path: 'data.candidateCount', rule: 'candidateCountCoversCandidates' }],
    schemaDetectable: false,
  },
  {
    name: 'candidateCount not an integer',
    type: F,
    build: mutated(F, (_e, d) => (d.candidateCount = 58.5)),
    expect: [{ path: 'data.candidateCount', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'candidates missing',
    type: F,
    build: mutated(F, (_e, d) => delete d.candidates),
    expect: [{ path: 'data.candidates', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'route without destinationCountry',
    type: F,
    build: mutated(F, (_e, d) => delete d.route.destinationCountry),
    expect: [{ path: 'data.route.destinationCountry', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'minor as a string',
    type: F,
    build: mutated(F, (_e, d) => (d.candidates[1].minor = 'yes')),
    expect: [{ path: 'data.candidates[1].minor', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: '2001 candidates',
    type: F,
    build: () => interceptionWithCandidates(MAX_CANDIDATES + 1),
    expect: [{ path: 'data.candidates', rule: 'arrayMaxSize' }],
    schemaDetectable: true,
  },

  // --- ministry.alert.raised.v1 -----------------------------------------------------------------------
  {
    name: 'alert severity urgent',
    type: AL,
    build: withData(AL, { severity: 'urgent' as never }),
    expect: [{ path: 'data.severity', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'alert without source events',
    type: AL,
    build: withData(AL, { sourceEventIds: [] }),
    expect: [{ path: 'data.sourceEventIds', rule: 'arrayMinSize' }],
    schemaDetectable: true,
  },
  {
    name: 'alert source event id not a UUID',
    type: AL,
    build: withData(AL, { sourceEventIds: [fixtureUuid(1), 'LP/B/123'] }),
    expect: [{ path: 'data.sourceEventIds[1]', rule: 'uuid' }],
    schemaDetectable: true,
  },
  {
    name: 'alert summary of 2001 characters',
    type: AL,
    build: withData(AL, { summary: 's'.repeat(2001) }),
    expect: [{ path: 'data.summary', rule: 'maxLength' }],
    schemaDetectable: true,
  },
  {
    name: 'alert region with spaces',
    type: AL,
    build: withData(AL, { region: 'Riau Islands' }),
    expect: [{ path: 'data.region', rule: 'pattern' }],
    schemaDetectable: true,
  },

  // --- ministry.watchlist.entry.issued.v1 ---------------------------------------------------------------
  {
    name: 'cegah without decisionNumber',
    type: W,
    build: mutated(W, (_e, d) => delete d.decisionNumber),
    expect: [{ path: 'data.decisionNumber', rule: 'cegahRequiresDecisionNumber' }],
    schemaDetectable: false,
  },
  {
    name: 'cegah for 6 months and a day',
    type: W,
    build: withData(W, { validUntil: '2026-01-06T04:00:00Z' }),
    expect: [{ path: 'data.validUntil', rule: 'cegahMaxDuration' }],
    schemaDetectable: false,
  },
  {
    name: 'extended cegah for 13 months',
    type: W,
    build: withData(W, { validUntil: '2026-08-05T04:00:00Z', extensionDecisionNumber: 'IMI-2345/2026' }),
    expect: [{ path: 'data.validUntil', rule: 'cegahMaxDuration' }],
    schemaDetectable: false,
  },
  {
    name: 'protective entry for 91 days',
    type: W,
    build: withData(W, { legalType: 'protective', action: 'refer', validUntil: '2025-10-04T04:00:00Z' }),
    expect: [{ path: 'data.validUntil', rule: 'protectiveMaxDuration' }],
    schemaDetectable: false,
  },
  {
    name: 'validUntil equal to validFrom',
    type: W,
    build: withData(W, { legalType: 'advisory', validUntil: '2025-07-05T11:00:00+07:00' }),
    expect: [{ path: 'data.validUntil', rule: 'validUntilAfterValidFrom' }],
    schemaDetectable: false,
  },
  {
    name: 'watchlist version 0',
    type: W,
    build: withData(W, { version: 0 }),
    expect: [{ path: 'data.version', rule: 'min' }],
    schemaDetectable: true,
  },
  {
    name: 'watchlist legalType ban',
    type: W,
    build: withData(W, { legalType: 'ban' as never }),
    expect: [{ path: 'data.legalType', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'origin unit without its kind',
    type: W,
    build: mutated(W, (_e, d) => (d.origin.unit = 'riau')),
    expect: [{ path: 'data.origin.unit', rule: 'pattern' }],
    schemaDetectable: true,
  },
  {
    name: 'decisionNumber null',
    type: W,
    build: mutated(W, (_e, d) => (d.decisionNumber = null)),
    expect: [{ path: 'data.decisionNumber', rule: 'type' }],
    schemaDetectable: true,
  },

  // --- ministry.watchlist.entry.revoked.v1, ministry.company.sanctioned.v1 -------------------------------
  {
    name: 'revokedAt without a time',
    type: R,
    build: mutated(R, (_e, d) => (d.revokedAt = '2025-08-01')),
    expect: [{ path: 'data.revokedAt', rule: 'dateTime' }],
    schemaDetectable: true,
  },
  {
    name: 'revocation version as a string',
    type: R,
    build: mutated(R, (_e, d) => (d.version = '2')),
    expect: [{ path: 'data.version', rule: 'type' }],
    schemaDetectable: true,
  },
  {
    name: 'sanction ending before it starts',
    type: S,
    build: mutated(S, (_e, d) => (d.effectiveUntil = '2025-07-09T23:59:59+07:00')),
    expect: [{ path: 'data.effectiveUntil', rule: 'effectiveUntilAfterEffectiveFrom' }],
    schemaDetectable: false,
  },
  {
    name: 'sanction fine',
    type: S,
    build: mutated(S, (_e, d) => (d.sanction = 'fine')),
    expect: [{ path: 'data.sanction', rule: 'enum' }],
    schemaDetectable: true,
  },

  // --- ministry.patrol.finding.recorded.v1, ministry.response.dispatched.v1, Person.phoneNumbers -----------
  {
    name: 'finding url with a javascript: scheme',
    type: P,
    build: mutated(P, (_e, d) => (d.url = 'javascript:alert(1)')),
    expect: [{ path: 'data.url', rule: 'webUrl' }],
    schemaDetectable: true,
  },
  {
    name: 'finding url longer than 2000 characters',
    type: P,
    build: mutated(P, (_e, d) => (d.url = `https://example.com/${'a'.repeat(2000)}`)),
    expect: [{ path: 'data.url', rule: 'maxLength' }],
    schemaDetectable: true,
  },
  {
    name: 'finding handle with a space',
    type: P,
    build: mutated(P, (_e, d) => (d.accountHandle = 'loker malaysia')),
    expect: [{ path: 'data.accountHandle', rule: 'pattern' }],
    schemaDetectable: true,
  },
  {
    name: 'finding phone number in the local form',
    type: P,
    build: mutated(P, (_e, d) => (d.phoneNumbers = ['081234567890'])),
    expect: [{ path: 'data.phoneNumbers[0]', rule: 'phoneNumber' }],
    schemaDetectable: true,
  },
  {
    name: 'finding on an unknown platform',
    type: P,
    build: mutated(P, (_e, d) => (d.platform = 'myspace')),
    expect: [{ path: 'data.platform', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'finding carrying a victim',
    type: P,
    build: mutated(P, (_e, d) => (d.victim = { fullName: 'Siti Aminah' })),
    expect: [{ path: 'data.victim', rule: 'unknownProperty' }],
    schemaDetectable: true,
  },
  {
    name: 'dispatch due before it was sent',
    type: RD,
    build: mutated(RD, (_e, d) => (d.dueBy = '2025-07-05T03:39:59+07:00')),
    expect: [{ path: 'data.dueBy', rule: 'dueByAfterDispatchedAt' }],
    schemaDetectable: false,
  },
  {
    name: 'dispatch without a team',
    type: RD,
    build: mutated(RD, (_e, d) => delete d.team),
    expect: [{ path: 'data.team', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'six phone numbers on a suspect',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].person.phoneNumbers = Array(6).fill('+6281234567890'))),
    expect: [{ path: `${suspect0}.phoneNumbers`, rule: 'arrayMaxSize' }],
    schemaDetectable: true,
  },
  {
    name: 'phone number of a suspect with spaces',
    type: A,
    build: mutated(A, (_e, d) => (d.suspects[0].person.phoneNumbers = ['+62 81234567890'])),
    expect: [{ path: `${suspect0}.phoneNumbers[0]`, rule: 'phoneNumber' }],
    schemaDetectable: true,
  },

  // --- immigration ----------------------------------------------------------------------------------------
  {
    name: 'match score above 1',
    type: M,
    build: mutated(M, (_e, d) => (d.score = 1.2)),
    expect: [{ path: 'data.score', rule: 'max' }],
    schemaDetectable: true,
  },
  {
    name: 'match decision clear',
    type: M,
    build: mutated(M, (_e, d) => (d.decision = 'clear')),
    expect: [{ path: 'data.decision', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'match without checkpoint',
    type: M,
    build: mutated(M, (_e, d) => delete d.checkpoint),
    expect: [{ path: 'data.checkpoint', rule: 'required' }],
    schemaDetectable: true,
  },
  {
    name: 'delay of 31 days',
    type: D,
    build: mutated(D, (_e, d) => (d.validUntil = '2025-08-12T08:20:00+07:00')),
    expect: [{ path: 'data.validUntil', rule: 'delayMaxDuration' }],
    schemaDetectable: false,
  },
  {
    name: 'delay ending when it starts (other offset, same instant)',
    type: D,
    build: mutated(D, (_e, d) => (d.validUntil = '2025-07-12T01:20:00Z')),
    expect: [{ path: 'data.validUntil', rule: 'validUntilAfterOccurredAt' }],
    schemaDetectable: false,
  },
  {
    name: 'delay statedPurpose business',
    type: D,
    build: mutated(D, (_e, d) => (d.statedPurpose = 'business')),
    expect: [{ path: 'data.statedPurpose', rule: 'enum' }],
    schemaDetectable: true,
  },
  {
    name: 'delay destinationCountry alpha-2',
    type: D,
    build: mutated(D, (_e, d) => (d.destinationCountry = 'SG')),
    expect: [{ path: 'data.destinationCountry', rule: 'pattern' }],
    schemaDetectable: true,
  },

  // --- several problems at once: all reported -----------------------------------------------------------
  {
    name: 'several problems in one arrest',
    type: A,
    build: mutated(A, (_e, d) => {
      delete d.polda;
      d.suspects[1].person.nik = 1234;
      d.suspects[0].person.sex = 'F';
      d.extra = true;
    }),
    expect: [
      { path: 'data.extra', rule: 'unknownProperty' },
      { path: 'data.polda', rule: 'required' },
      { path: `${suspect0}.nik`, rule: 'nikMatchesSex' },
      { path: 'data.suspects[1].person.nik', rule: 'type' },
    ],
    schemaDetectable: true,
  },
];

/** The raw input of an invalid fixture as bytes or text, the way a consumer receives it. */
export function invalidFixtureInput(fixture: InvalidFixture): Uint8Array | string {
  const raw = fixture.build();
  return typeof raw === 'string' || raw instanceof Uint8Array ? raw : JSON.stringify(raw);
}
