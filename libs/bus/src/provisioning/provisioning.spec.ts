import { describe, expect, it } from '@jest/globals';
import { consumerConfig, differs, streamConfig } from './provision.js';
import { simpulConsumers, simpulStreams, streamForSubject, subjectMatches } from './topology.js';

describe('topology', () => {
  it('has the four streams of docs/contract.md §3 with explicit limits', () => {
    const streams = simpulStreams();
    expect(streams.map((s) => [s.name, s.subjects])).toEqual([
      ['POLICE', ['police.>']],
      ['MINISTRY', ['ministry.>']],
      ['IMMIGRATION', ['immigration.>']],
      ['DEAD_LETTERS', ['deadletter.>']],
    ]);
    for (const s of streams.filter((s) => s.name !== 'DEAD_LETTERS')) {
      expect(s.duplicateWindowMs).toBeGreaterThanOrEqual(120_000);
      expect(s.maxMsgSize).toBe(512 * 1024);
      expect(s.maxAgeMs).toBeGreaterThan(0);
      expect(s.maxBytes).toBeGreaterThan(0);
    }
  });

  it('gives DEAD_LETTERS room for anything a source stream accepts, and a cap per consumer, not per stream', () => {
    const streams = simpulStreams();
    const dl = streams.find((s) => s.name === 'DEAD_LETTERS')!;
    // A dead letter is the original plus its Simpul-DL-* headers: it must fit whatever the source took.
    for (const s of streams.filter((s) => s !== dl))
      expect(dl.maxMsgSize).toBeGreaterThan(s.maxMsgSize + 2048);
    const config = streamConfig(dl, '2.9.10');
    expect(config.max_msgs_per_subject).toBe(10_000);
    // A stream-wide byte cap with discard-old would let one durable's flood evict the others' letters.
    expect(config.max_bytes).toBe(-1);
    expect(config.discard).toBe('old');
    expect(streamConfig(streams[0]!, '2.9.10').max_msgs_per_subject).toBe(-1);
  });

  it('has the durable consumers of docs/contract.md §3, per site for immigration', () => {
    const consumers = simpulConsumers(['local', 'batam-center']);
    expect(consumers.map((c) => [c.durable, c.stream, c.filterSubject])).toEqual([
      ['ministry-police', 'POLICE', 'police.>'],
      ['ministry-immigration', 'IMMIGRATION', 'immigration.>'],
      ['police-gateway-matches', 'IMMIGRATION', 'immigration.*.screening.matched'],
      ['police-gateway-leads', 'MINISTRY', 'ministry.patrol.finding.recorded'],
      ['immigration-local-watchlist', 'MINISTRY', 'ministry.watchlist.>'],
      ['immigration-local-delays', 'IMMIGRATION', 'immigration.*.departure.delayed'],
      ['immigration-batam-center-watchlist', 'MINISTRY', 'ministry.watchlist.>'],
      ['immigration-batam-center-delays', 'IMMIGRATION', 'immigration.*.departure.delayed'],
    ]);
    expect(() => simpulConsumers(['Bad Site'])).toThrow();
  });

  it('gives every police deployment a matches and a leads consumer of its own, on every match and finding', () => {
    const consumers = simpulConsumers([], { policeDeployments: ['riau', 'kepri'] });
    expect(
      consumers.filter((c) => c.durable.startsWith('police-')).map((c) => [c.durable, c.filterSubject]),
    ).toEqual([
      ['police-riau-matches', 'immigration.*.screening.matched'],
      ['police-riau-leads', 'ministry.patrol.finding.recorded'],
      ['police-kepri-matches', 'immigration.*.screening.matched'],
      ['police-kepri-leads', 'ministry.patrol.finding.recorded'],
    ]);
    expect(() => simpulConsumers([], { policeDeployments: ['Riau Kepri'] })).toThrow(/police deployment/);
  });

  it('matches subjects like NATS', () => {
    expect(subjectMatches('police.>', 'police.riau.arrest.recorded')).toBe(true);
    expect(subjectMatches('police.>', 'police')).toBe(false);
    expect(subjectMatches('immigration.*.screening.matched', 'immigration.dumai.screening.matched')).toBe(
      true,
    );
    expect(subjectMatches('immigration.*.screening.matched', 'immigration.dumai.departure.delayed')).toBe(
      false,
    );
    expect(streamForSubject(simpulStreams(), 'deadletter.ministry-police')?.name).toBe('DEAD_LETTERS');
  });
});

describe('JetStream configs', () => {
  const ministryPolice = simpulConsumers()[0]!;

  it('keeps to the 2.9 subset on a 2.9 server and adds metadata from 2.10', () => {
    const s29 = streamConfig(simpulStreams()[0]!, '2.9.10');
    expect(s29).toMatchObject({
      storage: 'file',
      retention: 'limits',
      discard: 'old',
      duplicate_window: 120_000_000_000,
    });
    expect(s29).not.toHaveProperty('metadata');
    expect(streamConfig(simpulStreams()[0]!, '2.10.4').metadata).toBeDefined();
    const c29 = consumerConfig(ministryPolice, '2.9.10');
    expect(c29).not.toHaveProperty('metadata');
    expect(c29).not.toHaveProperty('filter_subjects');
  });

  it('sets explicit ack, unlimited max_deliver (the runner counts attempts), and no server backoff (2.9 lets it override nak delays)', () => {
    const c = consumerConfig({ ...ministryPolice, ackWaitMs: 30_000, maxAttempts: 8 }, '2.9.10');
    expect(c.ack_policy).toBe('explicit');
    expect(c.ack_wait).toBe(30_000_000_000);
    expect(c.max_deliver).toBe(-1);
    expect(c).not.toHaveProperty('backoff');
  });

  it('compares desired settings as a subset of what the server reports', () => {
    expect(differs({ a: 1, b: 2, metadata: { x: '1', _nats: 'y' } }, { a: 1, metadata: { x: '1' } })).toBe(
      false,
    );
    expect(differs({ a: 1, backoff: [1, 2] }, { backoff: [1, 3] })).toBe(true);
    expect(differs({ a: 1 }, { a: 2 })).toBe(true);
  });
});
