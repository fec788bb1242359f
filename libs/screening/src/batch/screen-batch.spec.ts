import { describe, expect, it } from '@jest/globals';
import { WatchlistIndex } from '../index/watchlist-index.js';
import { loadWatchlist, screenLines, type BatchDecision } from './screen-batch.js';

const NOW = new Date('2025-09-01T00:00:00Z');
const broker = {
  entryId: '0b9d2c1e-6a0f-4c1b-9d2e-1f3a4b5c6d7e',
  version: 1,
  legalType: 'dpo',
  action: 'deny_departure',
  person: { fullName: 'Djoko Soesilo', dateOfBirth: '1975-03-02', sex: 'M', nik: '3374010203750001' },
  reason: 'Suspected broker',
  issuedBy: 'KP2MI',
  validFrom: '2025-07-01T00:00:00Z',
  validUntil: '2026-01-01T00:00:00Z',
};
const victim = {
  ...broker,
  entryId: '1b9d2c1e-6a0f-4c1b-9d2e-1f3a4b5c6d7e',
  legalType: 'protective',
  action: 'refer',
  person: { fullName: 'Siti Nurhaliza', dateOfBirth: '1999-01-05', sex: 'F' },
  validUntil: '2025-09-29T00:00:00Z',
};

async function run(
  watchlist: string[],
  travellers: string[],
): Promise<{ out: BatchDecision[]; skipped: number[] }> {
  const index = new WatchlistIndex();
  const load = await loadWatchlist(index, watchlist);
  const out: BatchDecision[] = [];
  for await (const d of screenLines(index, travellers, NOW)) out.push(d);
  return { out, skipped: load.skipped.map((s) => s.line) };
}

describe('batch screening (simpul screen)', () => {
  it('answers exactly one line per traveller line, in input order, in the docs/contract.md §10 shape', async () => {
    const travellers = [
      { travelerId: 't1', fullName: 'Siti Nur Haliza', dateOfBirth: '1999-01-05', sex: 'F' },
      { travelerId: 't2', fullName: 'Agus Salim', dateOfBirth: '1980-02-02' },
      { travelerId: 't3', fullName: 'Joko Susilo', dateOfBirth: '1975-03-02', sex: 'M' },
    ].map((t) => JSON.stringify(t));
    const { out } = await run([JSON.stringify(broker), JSON.stringify(victim)], travellers);
    expect(out.map((d) => [d.travelerId, d.decision])).toEqual([
      ['t1', 'refer'],
      ['t2', 'clear'],
      ['t3', 'deny'],
    ]);
    expect(Object.keys(out[2]).sort()).toEqual(['decision', 'matches', 'travelerId']);
    expect(Object.keys(out[2].matches[0]).sort()).toEqual(['entryId', 'reasons', 'score']);
    expect(out[2].matches[0].entryId).toBe(broker.entryId);
  });

  it('refers a traveller line it cannot screen, naming fields and never the values', async () => {
    const { out } = await run(
      [JSON.stringify(broker)],
      [
        '{not json',
        JSON.stringify({ travelerId: 't9', fullName: 'Budi Rahasia', nik: '12345', sex: 'X' }),
        JSON.stringify({ fullName: 'No Id' }),
      ],
    );
    expect(out).toEqual([
      { travelerId: null, decision: 'refer', matches: [], error: { code: 'LINE_NOT_JSON', fields: [] } },
      {
        travelerId: 't9',
        decision: 'refer',
        matches: [],
        error: { code: 'TRAVELER_INVALID', fields: ['nik', 'sex'] },
      },
      {
        travelerId: null,
        decision: 'refer',
        matches: [],
        error: { code: 'TRAVELER_INVALID', fields: ['travelerId'] },
      },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/12345|Rahasia|No Id/);
  });

  it('skips blank lines without an answer and bad watchlist lines with their line numbers', async () => {
    const { out, skipped } = await run(
      [
        JSON.stringify(broker),
        '',
        '{"entryId":"x"}',
        'nope',
        JSON.stringify({ ...victim, validUntil: victim.validFrom }),
      ],
      ['', JSON.stringify({ travelerId: 'a', fullName: 'Siti Nurhaliza', dateOfBirth: '1999-01-05' }), '   '],
    );
    expect(skipped).toEqual([3, 4, 5]);
    expect(out.map((d) => d.travelerId)).toEqual(['a']);
    expect(out[0].decision).toBe('clear'); // the victim's entry was rejected, so nobody to match
  });

  it('keeps the highest version of an entry that appears several times', async () => {
    const { out } = await run(
      [JSON.stringify({ ...broker, version: 2, action: 'refer' }), JSON.stringify(broker)],
      [JSON.stringify({ travelerId: 'x', fullName: 'Djoko Soesilo', dateOfBirth: '1975-03-02', sex: 'M' })],
    );
    expect(out[0].decision).toBe('refer');
  });
});
