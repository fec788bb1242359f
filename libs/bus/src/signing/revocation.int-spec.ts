// A key revoked in the registry file stops verifying in a running consumer within the registry's
// bound (no restart): events it signs from then on are dead-lettered as BUS.KEY_UNKNOWN. Real
// nats-server and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { collectHandlers } from '../consumer/collect-handlers.js';
import { OnBusEvent } from '../consumer/decorators.js';
import { listDeadLetters } from '../dead-letters/dead-letters.js';
import { BusErrorCode } from '../errors.js';
import { createBusHarness, type BusHarness } from '../testing/harness.js';
import { publishSignedEvent } from '../testing/events.js';
import { arrestEvent } from '../testing/fixtures.js';
import { waitFor } from '../testing/wait-for.js';
import { applyDevKeyRevocations } from './dev-keys.js';
import { FileKeyRegistry } from './registry.js';

const applied = new Set<string>();

class Handlers {
  @OnBusEvent('police.arrest.recorded.v1', { consumer: 'ministry-police' })
  onArrest(event: { id: string }): void {
    applied.add(event.id);
  }
}

jest.setTimeout(30_000);

const MAX_AGE_MS = 1000;
let h: BusHarness;

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'bus_revocation' });
  await h.startBus({
    handlers: collectHandlers(new Handlers()),
    keys: FileKeyRegistry.load(h.keys.registryFile, { maxAgeMs: MAX_AGE_MS }),
    relay: false,
  });
});

afterAll(async () => {
  await h?.close();
});

const letterOf = async (eventId: string) =>
  (await listDeadLetters(h.probe.jsm)).find((d) => d.eventId === eventId);

describe('key revocation', () => {
  it('dead-letters what a revoked key signs, within the bound, in a consumer that accepted it before', async () => {
    const riau = h.keys.keyRing.keyFor('/polri/polda/riau')!;
    const before = arrestEvent();
    await publishSignedEvent(h.probe.js, before, riau);
    await waitFor(() => applied.has(before.id), { description: 'accepted while registered' });

    await applyDevKeyRevocations(h.keys.dir, [{ unit: 'polda:riau' }], []);

    // Until the bound has passed an event may still be accepted; after it, every one is refused.
    const rejected = await waitFor(
      async () => {
        const event = arrestEvent();
        await publishSignedEvent(h.probe.js, event, riau);
        const letter = await waitFor(async () => (applied.has(event.id) ? 'applied' : letterOf(event.id)), {
          description: `outcome of ${event.id}`,
        });
        return letter === 'applied' ? undefined : letter;
      },
      { timeoutMs: MAX_AGE_MS + 5000, intervalMs: 100, description: 'a dead letter for the revoked key' },
    );
    expect(rejected.errorCode).toBe(BusErrorCode.KEY_UNKNOWN);

    const after = arrestEvent();
    await publishSignedEvent(h.probe.js, after, riau);
    const letter = await waitFor(() => letterOf(after.id), { description: 'still refused' });
    expect(letter.errorCode).toBe(BusErrorCode.KEY_UNKNOWN);
    expect(applied.has(after.id)).toBe(false);

    // The other units' keys are untouched.
    const kepri = arrestEvent({ polda: 'kepri' });
    await publishSignedEvent(h.probe.js, kepri, h.keys.keyRing.keyFor('/polri/polda/kepri')!);
    await waitFor(() => applied.has(kepri.id), { description: 'kepri still accepted' });
  });
});
