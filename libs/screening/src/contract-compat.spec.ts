// The engine's input types are its own, so libs/screening never depends on @simpul/contracts; this
// spec proves the contract's watchlist data fits them, in types (checked by `npm run typecheck`) and
// at run time, on the contract's own fixtures and fuzzed valid events.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { MinistryWatchlistEntryIssuedV1, Person } from '@simpul/contracts';
import { eventArbitrary, validFixture } from '@simpul/contracts/testing';
import { WatchlistIndex } from './index/watchlist-index.js';
import { checkWatchlistEntry } from './input/validate.js';
import type { TravelerInput, WatchlistEntryInput } from './types.js';

// compile-time: contract data is assignable to the engine's inputs
export const entryFits = (data: MinistryWatchlistEntryIssuedV1): WatchlistEntryInput => data;
export const personFits = (person: Person): TravelerInput => person;

describe('@simpul/contracts watchlist data', () => {
  it('screens the fixture entry against its own person', () => {
    const data = validFixture('ministry.watchlist.entry.issued.v1').data as unknown as WatchlistEntryInput;
    const index = new WatchlistIndex();
    index.upsert(data);
    const now = new Date(Date.parse(data.validFrom) + 86_400_000);
    expect(index.screen(data.person, { now }).matches[0]?.entryId).toBe(data.entryId);
  });

  it('passes the CLI checks and upserts, for any valid issued event', () => {
    fc.assert(
      fc.property(eventArbitrary('ministry.watchlist.entry.issued.v1'), (event) => {
        const checked = checkWatchlistEntry(event.data);
        expect(checked.ok ? [] : checked.problems).toEqual([]);
        expect(new WatchlistIndex().upsert(event.data as unknown as WatchlistEntryInput)).toBe('inserted');
      }),
      { numRuns: 300 },
    );
  });
});
