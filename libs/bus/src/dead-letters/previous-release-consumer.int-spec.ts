// The rollout rule of docs/rollout.md, against a real nats-server and PostgreSQL: a consumer of the
// previous release (its contract is the published v1 snapshot: no `phoneNumbers`, unknown
// properties refused) receives an arrest of this release whose suspects carry phone numbers. The
// event is dead-lettered with a reason naming the property, nothing is applied, nothing is lost;
// once the consumer is upgraded, the replay `npx simpul deadletters replay --all --consumer
// ministry-police` runs applies it exactly once.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { buildEvent, publishedSchemasDir, uuidv7, type ValidationIssue } from '@simpul/contracts';
import type { QueryRunner } from 'typeorm';
import type { SimpulBus } from '../bus.js';
import type { BusEvent, ContractParseResult } from '../contracts.js';
import { collectHandlers } from '../consumer/collect-handlers.js';
import { OnBusEvent } from '../consumer/decorators.js';
import type { EventContext } from '../consumer/handler.js';
import { BusErrorCode } from '../errors.js';
import { appendToOutbox } from '../outbox/append.js';
import { publishSignedEvent } from '../testing/events.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { arrestEvent } from '../testing/fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import { listDeadLetters, replayDeadLetters } from './dead-letters.js';

jest.setTimeout(30_000);

/**
 * The validation of a consumer built from the previous release: every event type of the v1
 * snapshot (libs/contracts/schemas/v1), as published, compiled by a stock JSON Schema validator.
 * Only the schema: the cross-field rules (x-simpul-rules) of that release are not needed to see
 * what it refuses of this one.
 */
function previousReleaseParse(): (raw: Uint8Array) => ContractParseResult {
  const ajv = new Ajv({ strict: false, allErrors: true });
  // ajv-formats is CommonJS: under ESM its function is the module's `default`.
  addFormats.default(ajv);
  const dir = join(publishedSchemasDir(), 'v1');
  const validators = new Map<string, ValidateFunction>(
    readdirSync(dir)
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => [
        f.slice(0, -'.schema.json'.length),
        ajv.compile(JSON.parse(readFileSync(join(dir, f), 'utf8'))),
      ]),
  );
  return (raw) => {
    let event: unknown;
    try {
      event = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      return { ok: false, errors: [{ path: '', rule: 'json', message: 'event: is not JSON [json]' }] };
    }
    const type = (event as { type?: unknown }).type;
    const validate = typeof type === 'string' ? validators.get(type) : undefined;
    if (!validate)
      return { ok: false, errors: [{ path: 'type', rule: 'enum', message: 'type: unknown [enum]' }] };
    if (validate(event)) return { ok: true, event: event as BusEvent };
    return { ok: false, errors: (validate.errors ?? []).map(issueOf) };
  };
}

/** An ajv error as the contract names it: `data.suspects[0].person.phoneNumbers` (unknownProperty). */
function issueOf(error: ErrorObject): ValidationIssue {
  let path = error.instancePath
    .split('/')
    .slice(1)
    .reduce((at, step) => (/^\d+$/.test(step) ? `${at}[${step}]` : at ? `${at}.${step}` : step), '');
  let rule = error.keyword;
  if (error.keyword === 'additionalProperties') {
    const property = (error.params as { additionalProperty: string }).additionalProperty;
    path = path ? `${path}.${property}` : property;
    rule = 'unknownProperty';
  }
  return { path, rule, message: `${path || 'event'}: is invalid [${rule}]` };
}

class TestArrests1797900000001 {
  name = 'TestArrests1797900000001';
  async up(q: QueryRunner): Promise<void> {
    // No unique constraint on purpose: an event applied twice must show as a second row.
    await q.query(
      `CREATE TABLE test_applied_arrests (event_id uuid NOT NULL, suspects_with_phones int NOT NULL)`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE test_applied_arrests`);
  }
}

class MinistryPoliceHandlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  async onArrest(
    event: { id: string; data: { suspects: Array<{ person: { phoneNumbers?: string[] } }> } },
    { manager }: EventContext,
  ): Promise<void> {
    const withPhones = event.data.suspects.filter((s) => (s.person.phoneNumbers ?? []).length > 0).length;
    await manager.query(`INSERT INTO test_applied_arrests (event_id, suspects_with_phones) VALUES ($1, $2)`, [
      event.id,
      withPhones,
    ]);
  }
}

let h: BusHarness;
let previous: SimpulBus;

/** Times `eventId` was applied, and with how many suspects carrying phone numbers. */
async function applied(eventId: string): Promise<Array<{ suspects_with_phones: number }>> {
  return h.dataSource.query(`SELECT suspects_with_phones FROM test_applied_arrests WHERE event_id = $1`, [
    eventId,
  ]);
}

/** A police deployment of this release records an arrest: outbox, relay, signed publish. */
async function recordArrest(event: BusEvent): Promise<void> {
  await h.dataSource.transaction((manager) => appendToOutbox(manager, event));
}

/** An arrest of this release whose first two suspects carry phone numbers (E.164, as the edge writes them). */
function arrestWithPhoneNumbers(): BusEvent & { data: { suspects: unknown[] } } {
  const template = arrestEvent({ suspects: 3 });
  return buildEvent(
    'police.arrest.recorded.v1',
    {
      ...template.data,
      arrestId: uuidv7(),
      suspects: template.data.suspects.map((s, i) =>
        i < 2
          ? { ...s, person: { ...s.person, phoneNumbers: [`+6281234567${String(i).padStart(3, '0')}`] } }
          : s,
      ),
    },
    { source: '/polri/polda/riau' },
  );
}

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_previous_release', migrations: [TestArrests1797900000001] });
  // The producer: a police deployment of this release (relay only, no consumers).
  await h.startBus({ handlers: [] });
  // The ministry not yet upgraded: the same durable and handler, validating by the v1 snapshot.
  previous = await h.startBus({
    handlers: collectHandlers(new MinistryPoliceHandlers()),
    relay: false,
    consumers: { 'ministry-police': { parse: previousReleaseParse() } },
  });
});

afterAll(async () => {
  await h?.close();
});

describe('an event of this release reaching a consumer of the previous one', () => {
  let arrest: BusEvent;

  it('the previous release still applies what it knows: an arrest without phone numbers', async () => {
    const control = arrestEvent({ suspects: 2 });
    await recordArrest(control);
    await waitFor(async () => (await applied(control.id)).length === 1, {
      description: 'the previous release applying an arrest it can read',
    });
  });

  it('is dead-lettered with a reason naming the property: nothing applied, nothing lost', async () => {
    arrest = arrestWithPhoneNumbers();
    await recordArrest(arrest);
    await waitFor(async () => (await listDeadLetters(h.probe.jsm)).some((l) => l.eventId === arrest.id), {
      description: 'the arrest in DEAD_LETTERS',
    });
    const [letter, ...others] = (await listDeadLetters(h.probe.jsm)).filter((l) => l.eventId === arrest.id);
    expect(others).toEqual([]);
    expect(letter!.consumer).toBe('ministry-police');
    expect(letter!.errorCode).toBe(BusErrorCode.EVENT_INVALID);
    expect(letter!.error).toContain('data.suspects[0].person.phoneNumbers (unknownProperty)');
    expect(letter!.error).toContain('data.suspects[1].person.phoneNumbers (unknownProperty)');
    // The reason names paths and rules only: no number, no name.
    expect(letter!.error).not.toMatch(/\+62|81234567/);
    // Kept whole: the body as published (what replay verifies against its signature).
    const published = await h.probe.jsm.streams.getMessage('POLICE', {
      last_by_subj: 'police.riau.arrest.recorded',
    });
    expect(Buffer.from(letter!.body).equals(Buffer.from(published!.data))).toBe(true);
    expect(JSON.parse(new TextDecoder().decode(letter!.body)).id).toBe(arrest.id);
    expect(await applied(arrest.id)).toEqual([]);
    const inbox = await h.dataSource.query(`SELECT 1 FROM bus_inbox WHERE event_id = $1`, [arrest.id]);
    expect(inbox).toEqual([]);
  });

  it('after the upgrade, the replay applies it exactly once, phone numbers and all', async () => {
    // The upgrade: the previous release's instance stops; one of this release takes the durable.
    await previous.stop();
    await h.startBus({ handlers: collectHandlers(new MinistryPoliceHandlers()), relay: false });

    const results = await replayDeadLetters(h.probe, 'all', {
      consumer: 'ministry-police',
      registry: h.keys.registry,
    });
    expect(results.map((r) => [r.eventId, r.outcome])).toEqual([[arrest.id, 'replayed']]);
    await waitFor(async () => (await applied(arrest.id)).length > 0, {
      description: 'the upgraded consumer applying the replayed arrest',
    });
    expect(await listDeadLetters(h.probe.jsm, { consumer: 'ministry-police' })).toEqual([]);

    // The same event again past JetStream's de-duplication (a reconciler's republish): the
    // inbox keeps it at one application.
    await publishSignedEvent(h.probe.js, arrest, h.keys.keyRing.keyFor('/polri/polda/riau')!, {
      msgId: `${arrest.id}.republished`,
    });
    const after = arrestEvent({ suspects: 1 });
    await recordArrest(after);
    await waitFor(async () => (await applied(after.id)).length === 1, {
      description: 'a later arrest applied, so the republish was seen first',
    });
    expect(await applied(arrest.id)).toEqual([{ suspects_with_phones: 2 }]);
  });
});
