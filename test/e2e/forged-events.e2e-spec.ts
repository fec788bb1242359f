import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BusConnection,
  BusErrorCode,
  generateSigningKey,
  KeyRing,
  silentLogger,
  subjectMatches,
  type BusEvent,
  type SigningKey,
} from '@simpul/bus';
import { listDeadLetters } from '@simpul/bus/operator';
import { publishSignedEvent } from '@simpul/bus/testing';
import { normaliseBodyPhoneNumbers, phoneNumberPaths } from '@simpul/http';
import {
  buildEvent,
  checkpointSource,
  MINISTRY_SOURCE,
  poldaSource,
  uuidv7,
  type EventDataMap,
  type EventType,
  type Person,
} from '@simpul/contracts';
import { arrestBody, nikFor } from '../../deploy/local/src/demo/reference-scenario.js';
import type { Json, ServiceName } from '../support/api-client.js';
import { findStored, systemConsumers, waitUntilAcked, waitUntilQuiet } from '../support/bus-probe.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// Trust boundaries (docs/contract.md §4): whoever can publish on NATS (here: a plain, unrestricted
// connection to the test's nats-server) still cannot make any consumer apply an event its
// registered signer did not sign for its own unit. Every forged event below is schema-valid (or,
// where a real unit claims another's data, only invalid for that claim) and of a kind that has an
// effect when genuine: a genuine control of the same shape, published in the same test, shows it.
// A replayed genuine event (same bytes and headers, new Nats-Msg-Id so JetStream's duplicate
// window does not hide it) reaches the consumers and changes nothing (inbox by event id).

const DAY = 86_400_000;
let system: TestSystem;
let tokens: Record<string, string>;
let probe: BusConnection;
let keys: KeyRing;

beforeAll(async () => {
  system = await startTestSystem('forged');
  tokens = JSON.parse(readFileSync(system.stack.tokensFile, 'utf8')) as Record<string, string>;
  probe = await BusConnection.connect({ servers: system.nats.url, name: 'e2e-forged', logger: silentLogger });
  // The launcher writes the dev keys of every reference unit under $SIMPUL_STATE_DIR/keys: the
  // private keys of other units are what a compromised or careless unit would hold.
  keys = KeyRing.fromDirectory(join(system.stateDir, 'keys'));
}, 120_000);
afterAll(async () => {
  await probe?.drain();
  await system?.stop();
}, 30_000);

// Personal-data reads name an official and a purpose (UU PDP art. 31); sent on every call, they
// are ignored where a route does not ask for them.
const ACCESS_HEADERS = { 'simpul-official': 'NIP-198001012005011001', 'simpul-purpose': 'case_handling' };

/** A call through a service's public API with `unit`'s token that must succeed: its JSON body. */
async function ok(
  service: ServiceName,
  unit: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Json> {
  const res = await fetch(`${system.stack.urls[service]}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[unit]}`,
      'content-type': 'application/json',
      ...ACCESS_HEADERS,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => ({}))) as Json;
  if (res.status < 200 || res.status >= 300)
    throw new Error(`${method} ${service}${path}: ${res.status} ${json.code ?? ''}`);
  return json;
}

function keyFor(source: string): SigningKey {
  const key = keys.keyFor(source);
  if (!key) throw new Error(`no dev key for ${source}`);
  return key;
}

/** An invented person, distinct per `n` in name, NIK, passport and date of birth. */
function person(n: number, fullName: string, sex: 'M' | 'F' = 'M'): Person {
  const dateOfBirth = `19${60 + n}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 27) + 1).padStart(2, '0')}`;
  return {
    fullName,
    nik: nikFor(dateOfBirth, sex, 4000 + n),
    dateOfBirth,
    sex,
    passportNumber: `B${1300000 + n * 7919}`,
  } as Person;
}

/** Builds a valid event; `claimSource` then replaces its source (a claim the contract may refuse). */
function event<T extends EventType>(
  type: T,
  data: EventDataMap[T],
  source: string,
  claimSource?: string,
): BusEvent {
  const built = buildEvent(type, data, { source }) as unknown as BusEvent;
  return claimSource ? { ...built, source: claimSource } : built;
}

const arrestData = (polda: string): EventDataMap['police.arrest.recorded.v1'] => {
  // The demo's body carries phone numbers as people write them: read them into E.164 as the police
  // HTTP edge does before it builds the event.
  const body = normaliseBodyPhoneNumbers(
    arrestBody({ runId: uuidv7().slice(-6), occurredAt: new Date(Date.now() - DAY) }, uuidv7()),
    phoneNumberPaths('police.arrest.recorded.v1'),
  ) as Json;
  delete body.interceptionId; // an arrest on its own
  return {
    ...(body as unknown as EventDataMap['police.arrest.recorded.v1']),
    arrestId: uuidv7(),
    polda,
    suspects: (body.suspects as Json[]).map((s) => ({ ...s, suspectId: uuidv7() })),
  } as EventDataMap['police.arrest.recorded.v1'];
};

const findingData = (): EventDataMap['ministry.patrol.finding.recorded.v1'] => ({
  findingId: uuidv7(),
  recordedAt: new Date().toISOString(),
  platform: 'facebook',
  url: `https://www.facebook.com/groups/loker-riau/posts/${uuidv7()}`,
  phoneNumbers: ['+6281299990001'],
  summary: 'Lowongan kebun sawit di Johor, berangkat lewat Dumai.',
  region: 'riau',
  caseIds: [],
});

const entryData = (who: Person): EventDataMap['ministry.watchlist.entry.issued.v1'] => ({
  entryId: uuidv7(),
  version: 1,
  legalType: 'dpo',
  action: 'deny_departure',
  person: who,
  reason: 'Tersangka TPPO dalam daftar pencarian orang',
  issuedBy: 'KP2MI atas permintaan Polda Riau',
  validFrom: new Date(Date.now() - DAY).toISOString(),
  validUntil: new Date(Date.now() + 60 * DAY).toISOString(),
  origin: { unit: 'polda:riau', eventId: uuidv7(), personId: uuidv7() },
});

const matchData = (checkpoint: string, who: Person): EventDataMap['immigration.screening.matched.v1'] => ({
  screeningId: uuidv7(),
  checkpoint,
  occurredAt: new Date().toISOString(),
  entryId: uuidv7(),
  entryVersion: 1,
  score: 0.97,
  decision: 'deny',
  traveler: who,
  origin: { unit: 'polda:riau', eventId: uuidv7(), personId: uuidv7() },
});

const delayData = (checkpoint: string, who: Person): EventDataMap['immigration.departure.delayed.v1'] => ({
  delayId: uuidv7(),
  checkpoint,
  occurredAt: new Date().toISOString(),
  traveler: who,
  reason: 'non_procedural_worker',
  validUntil: new Date(Date.now() + 20 * DAY).toISOString(),
});

/** One injection: an event, the key that signs it, the NATS subject, and what consumers must say. */
interface Forgery {
  label: string;
  event: BusEvent;
  key: SigningKey;
  subject: string;
  code: string;
  /** The traveller whose screening must stay clear (watchlist and delay forgeries). */
  person?: Person;
}

// Keys held by no registry: an outsider's, and one that claims a registered unit's key id.
const outsider = generateSigningKey('intruder:outside');
const impostor = (source: string): SigningKey => {
  const fresh = generateSigningKey('intruder:impostor');
  return { ...fresh, keyId: keyFor(source).keyId };
};

const RIAU = poldaSource('riau');
const JATIM = poldaSource('jatim');
const BATAM = checkpointSource('batam-center');
const DUMAI = checkpointSource('dumai');
const POLICE_SUBJECT = 'police.riau.arrest.recorded';
const WATCHLIST_SUBJECT = 'ministry.watchlist.entry.issued';
const REVOKE_SUBJECT = 'ministry.watchlist.entry.revoked';
const MATCH_SUBJECT = 'immigration.batam-center.screening.matched';
const DELAY_SUBJECT = 'immigration.batam-center.departure.delayed';
const FINDING_SUBJECT = 'ministry.patrol.finding.recorded';

/**
 * The forged events, one set per subject some durable reads. Built after the keys are loaded.
 * `controlEntryId`: the genuine entry the forged revokes try to lift.
 */
function forgeries(controlEntryId: string): Forgery[] {
  const arrest = (label: string, e: BusEvent, key: SigningKey, code: string): Forgery => ({
    label: `arrest ${label}`,
    event: e,
    key,
    subject: POLICE_SUBJECT,
    code,
  });
  const police: Forgery[] = [
    arrest(
      'by an unknown key',
      event('police.arrest.recorded.v1', arrestData('riau'), RIAU),
      outsider,
      BusErrorCode.KEY_UNKNOWN,
    ),
    arrest(
      "by another key claiming Riau's key id",
      event('police.arrest.recorded.v1', arrestData('riau'), RIAU),
      impostor(RIAU),
      BusErrorCode.SIGNATURE_INVALID,
    ),
    arrest(
      "by Polda Jatim's real key, claiming Riau's source",
      event('police.arrest.recorded.v1', arrestData('riau'), RIAU),
      keyFor(JATIM),
      BusErrorCode.KEY_NOT_AUTHORIZED,
    ),
    // Jatim's own source cannot speak for Riau: the contract itself refuses the claim.
    arrest(
      'by Polda Jatim as itself, about a Riau arrest',
      event('police.arrest.recorded.v1', arrestData('riau'), RIAU, JATIM),
      keyFor(JATIM),
      BusErrorCode.EVENT_INVALID,
    ),
    // A genuine Jatim arrest, schema-valid, put on Riau's subject.
    arrest(
      "by Polda Jatim, genuine but on Riau's subject",
      event('police.arrest.recorded.v1', arrestData('jatim'), JATIM),
      keyFor(JATIM),
      BusErrorCode.SUBJECT_MISMATCH,
    ),
  ];

  const entry = (label: string, who: Person, key: SigningKey, code: string, claim?: string): Forgery => ({
    label: `watchlist entry ${label}`,
    event: event('ministry.watchlist.entry.issued.v1', entryData(who), MINISTRY_SOURCE, claim),
    key,
    subject: WATCHLIST_SUBJECT,
    code,
    person: who,
  });
  const ministry: Forgery[] = [
    entry('by an unknown key', person(1, 'Bambang Purnomo'), outsider, BusErrorCode.KEY_UNKNOWN),
    entry(
      "by another key claiming the ministry's key id",
      person(2, 'Teguh Santoso'),
      impostor(MINISTRY_SOURCE),
      BusErrorCode.SIGNATURE_INVALID,
    ),
    entry(
      "by Batam Center's real key, claiming the ministry's source",
      person(3, 'Gunawan Prasetyo'),
      keyFor(BATAM),
      BusErrorCode.KEY_NOT_AUTHORIZED,
    ),
    entry(
      'by Polda Riau as itself',
      person(4, 'Herman Setiawan'),
      keyFor(RIAU),
      BusErrorCode.EVENT_INVALID,
      RIAU,
    ),
  ];
  // Revokes of the genuine control entry (published after them: a higher version wins whatever the
  // order, so an accepted forged revoke would leave its person clear).
  const revoke = (label: string, key: SigningKey, code: string, claim?: string): Forgery => ({
    label: `watchlist revoke ${label}`,
    event: event(
      'ministry.watchlist.entry.revoked.v1',
      { entryId: controlEntryId, version: 2, reason: 'Dicabut', revokedAt: new Date().toISOString() },
      MINISTRY_SOURCE,
      claim,
    ),
    key,
    subject: REVOKE_SUBJECT,
    code,
  });
  ministry.push(
    revoke('by an unknown key', outsider, BusErrorCode.KEY_UNKNOWN),
    revoke(
      "by another key claiming the ministry's key id",
      impostor(MINISTRY_SOURCE),
      BusErrorCode.SIGNATURE_INVALID,
    ),
    revoke(
      "by Batam Center's real key, claiming the ministry's source",
      keyFor(BATAM),
      BusErrorCode.KEY_NOT_AUTHORIZED,
    ),
    revoke('by Polda Riau as itself', keyFor(RIAU), BusErrorCode.EVENT_INVALID, RIAU),
  );
  // Patrol findings for Riau: an accepted forgery would become a lead at Polda Riau.
  const finding = (label: string, key: SigningKey, code: string, claim?: string): Forgery => ({
    label: `patrol finding ${label}`,
    event: event('ministry.patrol.finding.recorded.v1', findingData(), MINISTRY_SOURCE, claim),
    key,
    subject: FINDING_SUBJECT,
    code,
  });
  ministry.push(
    finding('by an unknown key', outsider, BusErrorCode.KEY_UNKNOWN),
    finding(
      "by another key claiming the ministry's key id",
      impostor(MINISTRY_SOURCE),
      BusErrorCode.SIGNATURE_INVALID,
    ),
    finding(
      "by Batam Center's real key, claiming the ministry's source",
      keyFor(BATAM),
      BusErrorCode.KEY_NOT_AUTHORIZED,
    ),
    finding('by Polda Riau as itself', keyFor(RIAU), BusErrorCode.EVENT_INVALID, RIAU),
  );

  // The same five forgeries for both checkpoint event types on Batam Center's subjects.
  const checkpointForgeries = <
    T extends 'immigration.screening.matched.v1' | 'immigration.departure.delayed.v1',
  >(
    type: T,
    subject: string,
    data: (checkpoint: string, who: Person) => EventDataMap[T],
    people: Person[],
  ): Forgery[] => {
    const f = (label: string, e: BusEvent, who: Person, key: SigningKey, code: string): Forgery => ({
      label: `${type} ${label}`,
      event: e,
      key,
      subject,
      code,
      person: who,
    });
    const [a, b, c, d, e] = people as [Person, Person, Person, Person, Person];
    return [
      f(
        'by an unknown key',
        event(type, data('batam-center', a), BATAM),
        a,
        outsider,
        BusErrorCode.KEY_UNKNOWN,
      ),
      f(
        "by another key claiming Batam Center's key id",
        event(type, data('batam-center', b), BATAM),
        b,
        impostor(BATAM),
        BusErrorCode.SIGNATURE_INVALID,
      ),
      f(
        "by Dumai's real key, claiming Batam Center's source",
        event(type, data('batam-center', c), BATAM),
        c,
        keyFor(DUMAI),
        BusErrorCode.KEY_NOT_AUTHORIZED,
      ),
      f(
        'by Dumai as itself, about Batam Center',
        event(type, data('batam-center', d), BATAM, DUMAI),
        d,
        keyFor(DUMAI),
        BusErrorCode.EVENT_INVALID,
      ),
      f(
        "by Dumai, genuine but on Batam Center's subject",
        event(type, data('dumai', e), DUMAI),
        e,
        keyFor(DUMAI),
        BusErrorCode.SUBJECT_MISMATCH,
      ),
    ];
  };
  const matches = checkpointForgeries('immigration.screening.matched.v1', MATCH_SUBJECT, matchData, [
    person(11, 'Slamet Riyadi'),
    person(12, 'Wahyudi Kartono'),
    person(13, 'Sugeng Haryanto'),
    person(14, 'Paulus Sitompul'),
    person(15, 'Darsono Wiryo'),
  ]);
  const delays = checkpointForgeries('immigration.departure.delayed.v1', DELAY_SUBJECT, delayData, [
    person(21, 'Yohana Simanjuntak', 'F'),
    person(22, 'Melati Kusumawati', 'F'),
    person(23, 'Kartini Wulandari', 'F'),
    person(24, 'Anggraini Pangaribuan', 'F'),
    person(25, 'Suryani Tambunan', 'F'),
  ]);
  return [...police, ...ministry, ...matches, ...delays];
}

/** Everything the services show of the effects the injected event kinds have when genuine. */
interface Snapshot {
  alerts: Json[];
  ministryEntries: Json[];
  replicaEntries: number;
  policeMatches: Json[];
  policeLeads: Json[];
  preventedByCheckpoint: Json[];
}

async function snapshot(): Promise<Snapshot> {
  const alerts = (await ok('ministry', 'ministry:desk', 'GET', '/v1/alerts?limit=1000')).alerts as Json[];
  const ministryEntries = (await ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?limit=5000'))
    .entries as Json[];
  const status = await ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
  const policeMatches = (await ok('police', 'polda:riau', 'GET', '/v1/matches')).matches as Json[];
  const policeLeads = (await ok('police', 'polda:riau', 'GET', '/v1/leads')).leads as Json[];
  const stats = await ok(
    'ministry',
    'ministry:desk',
    'GET',
    '/v1/stats/prevented-departures?groupBy=checkpoint',
  );
  return {
    alerts,
    ministryEntries,
    replicaEntries: status.entries as number,
    policeMatches,
    policeLeads,
    preventedByCheckpoint: stats.groups as Json[],
  };
}

/** What a count-level comparison needs: no timestamps, just how much of each effect there is. */
function counts(s: Snapshot): Json {
  return {
    alerts: s.alerts.length,
    ministryEntries: s.ministryEntries.length,
    replicaEntries: s.replicaEntries,
    policeMatches: s.policeMatches.length,
    policeLeads: s.policeLeads.length,
    prevented: Object.fromEntries(s.preventedByCheckpoint.map((g) => [g.key, g.prevented])),
  };
}

async function screen(checkpoint: string, who: Person): Promise<Json> {
  return ok('immigration', `checkpoint:${checkpoint}`, 'POST', '/v1/screenings', {
    checkpoint,
    traveler: who,
    travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
  });
}

/** Republishes a stored message byte for byte with all its headers but under a new Nats-Msg-Id. */
async function replay(stored: { subject: string; data: Uint8Array; header: Iterable<[string, string[]]> }) {
  const h = natsHeaders();
  for (const [key, values] of stored.header) {
    if (key.toLowerCase() === 'nats-msg-id') continue;
    for (const value of values) h.append(key, value);
  }
  const ack = await probe.js.publish(stored.subject, stored.data, { headers: h, msgID: uuidv7() });
  expect(ack.duplicate).toBe(false);
  return ack;
}

describe('forged events injected with admin rights on NATS', () => {
  let forged: Forgery[];
  let controls: {
    arrestEventId: string;
    entry: BusEvent;
    match: BusEvent;
    delay: BusEvent;
    finding: BusEvent;
  };
  let entryPerson: Person;
  let delayPerson: Person;

  it('are dead-lettered by every consumer that reads their subject and have no effect; genuine ones of the same shape do', async () => {
    const consumers = systemConsumers();
    // The topology's durables are exactly the running system's, and every one reads a subject we forge on.
    const running: string[] = [];
    for (const stream of ['POLICE', 'MINISTRY', 'IMMIGRATION']) {
      for await (const info of probe.jsm.consumers.list(stream)) running.push(info.name);
    }
    expect(running.sort()).toEqual(consumers.map((c) => c.durable).sort());
    const readers = (subject: string) =>
      consumers.filter((c) => subjectMatches(c.filterSubject, subject)).map((c) => c.durable);
    entryPerson = person(31, 'Krisna Wibisono');
    delayPerson = person(32, 'Larasati Damanik', 'F');
    const controlEntry = event('ministry.watchlist.entry.issued.v1', entryData(entryPerson), MINISTRY_SOURCE);
    forged = forgeries((controlEntry.data as Json).entryId as string);
    expect(new Set(forged.flatMap((f) => readers(f.subject)))).toEqual(
      new Set(consumers.map((c) => c.durable)),
    );

    await waitUntilQuiet(system, probe.jsm);
    const before = await snapshot();
    expect((await probe.jsm.streams.info('DEAD_LETTERS')).state.messages).toBe(0);

    for (const f of forged) {
      await publishSignedEvent(probe.js, f.event as never, f.key, { subject: f.subject });
    }

    // Genuine controls of the same kinds: an arrest recorded through the police API (so signed by
    // the police service itself), and checkpoint and ministry events signed with the right keys.
    const arrest = await ok(
      'police',
      'polda:riau',
      'POST',
      '/v1/arrests',
      (() => {
        const body = arrestBody({ runId: 'control', occurredAt: new Date(Date.now() - DAY) }, uuidv7());
        delete body.interceptionId;
        return body;
      })(),
    );
    controls = {
      arrestEventId: arrest.eventId as string,
      entry: controlEntry,
      match: event(
        'immigration.screening.matched.v1',
        matchData('batam-center', person(33, 'Joko Widagdo')),
        BATAM,
      ),
      delay: event('immigration.departure.delayed.v1', delayData('batam-center', delayPerson), BATAM),
      finding: event('ministry.patrol.finding.recorded.v1', findingData(), MINISTRY_SOURCE),
    };
    for (const [e, source] of [
      [controls.entry, MINISTRY_SOURCE],
      [controls.finding, MINISTRY_SOURCE],
      [controls.match, BATAM],
      [controls.delay, BATAM],
    ] as const) {
      await publishSignedEvent(probe.js, e as never, keyFor(source));
    }

    // Every forgery is dead-lettered once by each durable reading its subject.
    const expectedLetters = forged.flatMap((f) => readers(f.subject).map((durable) => ({ f, durable })));
    // Quiet means every durable settled every message, and a refusal is settled (term) only
    // after its dead letter is stored. The controls' effects are awaited the same way.
    await waitUntilQuiet(system, probe.jsm);
    const letters = await listDeadLetters(probe.jsm);
    expect(letters).toHaveLength(expectedLetters.length);
    for (const { f, durable } of expectedLetters) {
      const letter = letters.find((l) => l.consumer === durable && l.eventId === f.event.id);
      expect([f.label, durable, letter?.errorCode, letter?.subject]).toEqual([
        f.label,
        durable,
        f.code,
        f.subject,
      ]);
    }

    // The controls had their effects...
    const after = await snapshot();
    const alertFor = (s: Snapshot, eventId: string) =>
      s.alerts.filter((a) => a.sourceEventIds.includes(eventId));
    expect(alertFor(after, controls.arrestEventId)).toHaveLength(1);
    expect(after.ministryEntries.filter((e) => e.origin?.eventId === controls.arrestEventId)).toHaveLength(
      11,
    );
    expect(alertFor(after, controls.match.id)).toHaveLength(1);
    expect(alertFor(after, controls.delay.id)).toHaveLength(1);
    expect(after.policeMatches.map((m) => m.eventId)).toEqual([controls.match.id]);
    expect(after.policeLeads.map((l) => l.findingId)).toEqual([(controls.finding.data as Json).findingId]);
    expect(after.preventedByCheckpoint.find((g) => g.key === 'batam-center')?.eventIds).toEqual([
      controls.delay.id,
    ]);
    // ...and nothing else happened: exactly the controls' effects, nothing of any forgery.
    expect(counts(after)).toEqual({
      alerts: before.alerts.length + 3,
      ministryEntries: before.ministryEntries.length + 11,
      replicaEntries: before.replicaEntries + 11 + 1,
      policeMatches: before.policeMatches.length + 1,
      policeLeads: before.policeLeads.length + 1,
      prevented: { ...counts(before).prevented, 'batam-center': 1 },
    });
    for (const f of forged) {
      expect([f.label, alertFor(after, f.event.id)]).toEqual([f.label, []]);
      expect([f.label, after.ministryEntries.filter((e) => e.origin?.eventId === f.event.id)]).toEqual([
        f.label,
        [],
      ]);
      expect([f.label, after.preventedByCheckpoint.filter((g) => g.eventIds.includes(f.event.id))]).toEqual([
        f.label,
        [],
      ]);
    }

    // At the desk: the control entry denies and the control delay refers elsewhere; every forged
    // entry and every forged delay leaves its traveller clear.
    expect((await screen('batam-center', entryPerson)).decision).toBe('deny');
    expect(await screen('dumai', delayPerson)).toMatchObject({
      decision: 'refer',
      reasons: ['departure_delayed_elsewhere'],
    });
    for (const f of forged.filter((x) => x.subject === WATCHLIST_SUBJECT || x.subject === DELAY_SUBJECT)) {
      const at = f.subject === WATCHLIST_SUBJECT ? 'batam-center' : 'dumai';
      const result = await screen(at, f.person!);
      expect([f.label, result.decision, result.matches, result.delaysElsewhere]).toEqual([
        f.label,
        'clear',
        [],
        [],
      ]);
    }
  }, 120_000);

  it('a replay of genuine events (same bytes and headers, new Nats-Msg-Id) reaches every reader and changes nothing', async () => {
    expect(controls).toBeDefined();
    await waitUntilQuiet(system, probe.jsm);
    const before = await snapshot();
    const lettersBefore = (await probe.jsm.streams.info('DEAD_LETTERS')).state.messages;

    // Genuine events the system produced or accepted: the police service's arrest, the ministry's
    // own watchlist entry for one of its suspects, and the checkpoint match and delay.
    const [arrest] = await findStored(probe.jsm, 'POLICE', (e) => e.id === controls.arrestEventId);
    const [issued] = await findStored(
      probe.jsm,
      'MINISTRY',
      (e, s) => s.subject === WATCHLIST_SUBJECT && e.data?.origin?.eventId === controls.arrestEventId,
    );
    const [match] = await findStored(probe.jsm, 'IMMIGRATION', (e) => e.id === controls.match.id);
    const [delay] = await findStored(probe.jsm, 'IMMIGRATION', (e) => e.id === controls.delay.id);
    const originals = [arrest, issued, match, delay];
    expect(originals.every(Boolean)).toBe(true);

    const consumers = systemConsumers();
    for (const original of originals) {
      const ack = await replay(original!);
      // Wait for the replay to be acknowledged by every durable that reads it (applied as a no-op).
      for (const c of consumers.filter((c) => subjectMatches(c.filterSubject, original!.subject))) {
        await waitUntilAcked(probe.jsm, c, ack.seq);
      }
    }
    await waitUntilQuiet(system, probe.jsm);

    const after = await snapshot();
    expect(counts(after)).toEqual(counts(before));
    expect(after.alerts.map((a) => a.alertId).sort()).toEqual(before.alerts.map((a) => a.alertId).sort());
    expect(after.preventedByCheckpoint).toEqual(before.preventedByCheckpoint);
    // Accepted (the signature still verifies), not refused: no new dead letters.
    expect((await probe.jsm.streams.info('DEAD_LETTERS')).state.messages).toBe(lettersBefore);
    expect((await screen('batam-center', entryPerson)).decision).toBe('deny');
  }, 90_000);

  it('a genuine event replayed under a new event id (to count it twice) is dead-lettered: the signature covers the id', async () => {
    expect(controls).toBeDefined();
    await waitUntilQuiet(system, probe.jsm);
    const before = await snapshot();
    const [delay] = await findStored(probe.jsm, 'IMMIGRATION', (e) => e.id === controls.delay.id);
    const renamed = { ...(JSON.parse(new TextDecoder().decode(delay!.data)) as Json), id: uuidv7() };
    const ack = await replay({
      subject: delay!.subject,
      header: delay!.header,
      data: new TextEncoder().encode(JSON.stringify(renamed)),
    });
    const readers = systemConsumers().filter((c) => subjectMatches(c.filterSubject, DELAY_SUBJECT));
    expect(readers.map((c) => c.durable).sort()).toEqual([
      'immigration-local-delays',
      'ministry-immigration',
    ]);
    for (const c of readers) await waitUntilAcked(probe.jsm, c, ack.seq);
    await waitUntilQuiet(system, probe.jsm);

    const letters = (await listDeadLetters(probe.jsm)).filter((l) => l.eventId === renamed.id);
    expect(letters.map((l) => [l.consumer, l.errorCode]).sort()).toEqual(
      readers.map((c) => [c.durable, BusErrorCode.SIGNATURE_INVALID]).sort(),
    );
    const after = await snapshot();
    expect(counts(after)).toEqual(counts(before));
    expect(after.preventedByCheckpoint).toEqual(before.preventedByCheckpoint);
  }, 60_000);

  it('the genuine revoke the forged ones imitated does lift the control entry (so they would have)', async () => {
    expect(controls).toBeDefined();
    const entryId = (controls.entry.data as Json).entryId as string;
    const genuine = event(
      'ministry.watchlist.entry.revoked.v1',
      { entryId, version: 2, reason: 'Dicabut', revokedAt: new Date().toISOString() },
      MINISTRY_SOURCE,
    );
    await publishSignedEvent(probe.js, genuine as never, keyFor(MINISTRY_SOURCE));
    await waitUntilQuiet(system, probe.jsm);
    expect(await screen('batam-center', entryPerson)).toMatchObject({ decision: 'clear', matches: [] });
  }, 60_000);
});
