// /health's bus facts from hand-made sources (bus.module.int-spec.ts and stranded.int-spec.ts
// check them against a real server).
import { describe, expect, it } from '@jest/globals';
import type { BusConnection } from '../connection/bus-connection.js';
import type { ConsumerRunner } from '../consumer/consumer-runner.js';
import { busHealth, DEAD_LETTERS_PENDING_ALERT } from './bus-health.js';

const connection = (connected: boolean) =>
  ({ isConnected: () => connected, serverVersion: () => '2.9.10' }) as unknown as BusConnection;

const runner = (deadLettersPending: number, deadLetterFailures: number) =>
  ({
    deadLettersPending,
    stats: { deadLetterFailures },
    lag: async () => ({ pending: 0, ackPending: deadLettersPending, redelivered: 0 }),
  }) as unknown as ConsumerRunner;

describe('busHealth', () => {
  it('shows dead letters pending and failures, in total and per consumer, with an alert while any is pending', async () => {
    const report = await busHealth({
      connection: connection(true),
      runners: () => [
        { name: 'ministry-police', runner: runner(2, 5) },
        { name: 'ministry-immigration', runner: runner(0, 1) },
      ],
    });
    expect(report).toMatchObject({
      status: 'up',
      deadLettersPending: 2,
      deadLetterFailures: 6,
      alerts: [DEAD_LETTERS_PENDING_ALERT],
    });
    expect(report.consumers).toEqual({
      'ministry-police': {
        pending: 0,
        ackPending: 2,
        redelivered: 0,
        deadLettersPending: 2,
        deadLetterFailures: 5,
      },
      'ministry-immigration': {
        pending: 0,
        ackPending: 0,
        redelivered: 0,
        deadLettersPending: 0,
        deadLetterFailures: 1,
      },
    });
  });

  it('raises no alert when nothing is pending, and still counts while NATS is unreachable', async () => {
    const quiet = await busHealth({
      connection: connection(true),
      runners: () => [{ name: 'ministry-police', runner: runner(0, 3) }],
    });
    expect(quiet).not.toHaveProperty('alerts');
    expect(quiet).toMatchObject({ status: 'up', deadLettersPending: 0, deadLetterFailures: 3 });
    const offline = await busHealth({
      connection: connection(false),
      runners: () => [{ name: 'ministry-police', runner: runner(1, 4) }],
    });
    expect(offline).toMatchObject({
      status: 'down',
      deadLettersPending: 1,
      alerts: [DEAD_LETTERS_PENDING_ALERT],
      consumers: { 'ministry-police': { deadLettersPending: 1, deadLetterFailures: 4 } },
    });
  });
});
