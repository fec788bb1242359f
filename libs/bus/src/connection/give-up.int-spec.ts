// An operator command that cannot reach NATS says why its last attempt failed (a refused
// connection, a timeout, an authorization violation), not only that it gave up: a full CI run once
// failed with a bare "cannot reach NATS" right after a server reload, with nothing to go on.
import { describe, expect, it } from '@jest/globals';
import { silentLogger } from '../logger.js';
import { freePort } from '../testing/ports.js';
import { BusConnection } from './bus-connection.js';

describe('BusConnection.connect giving up', () => {
  it('names the kind of the last failed attempt', async () => {
    const port = await freePort(); // nothing listens there
    const failure = await BusConnection.connect(
      { servers: `nats://127.0.0.1:${port}`, name: 'give-up-test', logger: silentLogger, reconnectMaxMs: 50 },
      400,
    ).catch((error: unknown) => error as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(
      /^cannot reach NATS at nats:\/\/127\.0\.0\.1:\d+ \(last attempt: \S+/,
    );
  });
});
