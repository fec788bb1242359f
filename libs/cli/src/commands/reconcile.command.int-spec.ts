// `simpul reconcile` against this file's own nats-server and a real PostgreSQL service database:
// events the stream lost are republished with the service's keys and one report line is printed;
// a loss inside the duplicate window, a held lock and bad usage are reported with their exit codes.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { appendToOutbox, simpulStreams, type BusEvent } from '@simpul/bus';
import { provisionTopology } from '@simpul/bus/operator';
import { arrestEvent, createBusHarness, waitFor, type BusHarness } from '@simpul/bus/testing';
import { run as reconcile } from './reconcile.command.js';

jest.setTimeout(30_000);

const VARS = ['DATABASE_URL', 'SIMPUL_KEYS_DIR', 'NATS_URL', 'BUS_LEDGER_RETENTION_HOURS'] as const;
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
let h: BusHarness;
let out: string[] = [];
let err: string[] = [];

beforeAll(async () => {
  h = await createBusHarness({ prefix: 'cli_reconcile' });
  await h.startBus({ reconcile: false, relay: { pollIntervalMs: 50 } });
  process.env.DATABASE_URL = h.db.url;
  process.env.SIMPUL_KEYS_DIR = h.keys.dir;
  process.env.NATS_URL = h.nats.url;
  delete process.env.BUS_LEDGER_RETENTION_HOURS;
});

afterAll(async () => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
  await h?.close();
});

beforeEach(() => {
  out = [];
  err = [];
  jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});

afterEach(() => {
  jest.restoreAllMocks();
});

/** Appends the events and waits until the relay has moved them to the ledger; returns their sequences. */
async function publish(events: BusEvent[]): Promise<number[]> {
  await h.dataSource.transaction(async (manager) => {
    for (const e of events) await appendToOutbox(manager, e);
  });
  const rows = await waitFor(
    async () => {
      const r = (await h.dataSource.query(
        `SELECT stream_seq::int AS seq FROM bus_ledger WHERE event_id = ANY($1::uuid[]) ORDER BY id`,
        [events.map((e) => e.id)],
      )) as { seq: number }[];
      return r.length === events.length ? r : undefined;
    },
    { description: 'the relay moved the events to the ledger' },
  );
  return rows.map((r) => r.seq);
}

async function inStream(ids: string[]): Promise<boolean[]> {
  const { state } = await h.probe.jsm.streams.info('POLICE');
  const found = new Set<string>();
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const id = (await h.probe.jsm.streams.getMessage('POLICE', { seq }))?.header.get('Nats-Msg-Id');
    // A republish carries `<event id>.reconciled.<n>`.
    if (id) found.add(id.split('.reconciled.')[0]!);
  }
  return ids.map((id) => found.has(id));
}

describe('simpul reconcile', () => {
  it('republishes what the stream lost and prints one report line', async () => {
    const events = [arrestEvent(), arrestEvent(), arrestEvent()];
    const ids = events.map((e) => e.id);
    await publish(events);
    // The stream is lost and created again empty: it remembers no id, so the republish is stored.
    await h.probe.jsm.streams.delete('POLICE');
    await provisionTopology(h.probe.jsm, h.probe.serverVersion(), {
      streams: simpulStreams().filter((s) => s.name === 'POLICE'),
      consumers: [],
    });
    expect(await inStream(ids)).toEqual([false, false, false]);

    expect(await reconcile(['--json'])).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ checked: 3, missing: 3, republished: 3, failed: 0 });
    expect(await inStream(ids)).toEqual([true, true, true]);
    // No event content on either stream of the command.
    expect([...out, ...err].join('\n')).not.toContain(events[0]!.data.suspects[0]!.person.fullName);

    out = [];
    expect(await reconcile(['--since', '1h'])).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(
        /^reconcile: since \S+: checked 3, missing 0, different 0, republished 0, failed 0$/,
      ),
    ]);
    out = [];
    expect(await reconcile(['--since', new Date(Date.now() + 3_600_000).toISOString(), '--json'])).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ checked: 0 });
  });

  it('restores a lost event at once, also inside the duplicate window (the republish has a msg id of its own)', async () => {
    const event = arrestEvent();
    const [seq] = await publish([event]);
    await h.probe.jsm.streams.deleteMessage('POLICE', seq!);
    expect(await reconcile(['--since', '5m', '--json'])).toBe(0);
    expect(JSON.parse(out.at(-1)!)).toMatchObject({ missing: 1, republished: 1, failed: 0 });
    expect(await inStream([event.id])).toEqual([true]);
  });

  it('does nothing and exits 1 while another reconciler of the database runs', async () => {
    const holder = h.dataSource.createQueryRunner();
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('simpul:bus_ledger:reconcile'))`);
      expect(await reconcile([])).toBe(1);
      expect(out.at(-1)).toMatch(/skipped, another reconciler is running$/);
    } finally {
      await holder.query(`SELECT pg_advisory_unlock(hashtext('simpul:bus_ledger:reconcile'))`);
      await holder.release();
    }
  });

  it('rejects bad usage with exit 2, naming the argument', async () => {
    expect(await reconcile(['--since', 'yesterday'])).toBe(2);
    expect(err.at(-1)).toContain('--since must be an ISO 8601 instant with a zone or a duration');
    expect(await reconcile(['--since', '2026-12-01T06:00:00'])).toBe(2);
    expect(await reconcile(['--since'])).toBe(2);
    expect(await reconcile(['--bogus'])).toBe(2);
    const keys = process.env.SIMPUL_KEYS_DIR;
    delete process.env.SIMPUL_KEYS_DIR;
    try {
      expect(await reconcile([])).toBe(2);
      expect(err.at(-1)).toContain('no signing keys: pass --keys or set SIMPUL_KEYS_DIR');
    } finally {
      process.env.SIMPUL_KEYS_DIR = keys;
    }
    process.env.BUS_LEDGER_RETENTION_HOURS = '0';
    try {
      expect(await reconcile([])).toBe(2);
      expect(err.at(-1)).toContain(
        'BUS_LEDGER_RETENTION_HOURS must be a whole number of hours from 1 to 720',
      );
    } finally {
      delete process.env.BUS_LEDGER_RETENTION_HOURS;
    }
  });
});
