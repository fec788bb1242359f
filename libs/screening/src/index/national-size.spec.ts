// At national size the list-size prior (Model.listShift) lowers every name-only score, so what must
// stay findable is what ADR 0013 and 0014 list whatever the score: a name agreeing word for word
// when names are all the two sides can compare. 150,000 entries drawn like a held-out set (shift
// −3.6 log-odds), then the cases the issue names.
import { describe, expect, it } from '@jest/globals';
import { HELD_OUT_SETS, fillerEntries } from '../eval/independent-sets.js';
import type { WatchlistEntryInput } from '../types.js';
import { WatchlistIndex } from './watchlist-index.js';

const NOW = new Date('2025-09-01T00:00:00Z');
const VALID = { validFrom: '2025-08-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' };
const own = (n: number, person: WatchlistEntryInput['person']): WatchlistEntryInput => ({
  entryId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
  ...{ version: 1, legalType: 'cegah', action: 'deny_departure', person, ...VALID },
});

const withBirth = own(1, { fullName: 'Sumiyati Rahmawati Siregar', dateOfBirth: '1987-05-21', sex: 'F' });
const nameOnly = own(2, { fullName: 'Wulandari Kusumaningrum' });
const common = own(4, { fullName: 'Siti Aminah', dateOfBirth: '1971-04-30', sex: 'F' });
const heldOften = own(5, { fullName: 'Rohmah Latifah' });

const index = new WatchlistIndex();
index.rebuild([withBirth, nameOnly, common, heldOften, ...fillerEntries(HELD_OUT_SETS[2], 150_000)]);

const listed = (fullName: string, passportNumber = 'C1112223') =>
  index.screen({ fullName, passportNumber, sex: 'F' }, { now: NOW, limit: 50 }).matches;

describe('a list of 150,000 entries', () => {
  it('refers a traveller screened without a date of birth whose name agrees with an entry that has one', () => {
    // regression: the search's prefix filter and the shift left these unread at national size
    for (const name of [
      'Sumiyati Rahmawati Siregar',
      'SUMIYATI RAHMAWATI SIREGAR',
      'Hj. Soemijati Rahmawati Siregar',
    ]) {
      const m = listed(name).find((x) => x.entryId === withBirth.entryId);
      expect(m).toMatchObject({ effect: 'refer' });
      expect(m!.reasons).toContain('names_only_compared');
    }
  });

  it('leaves a name the list itself holds many times to its score, however rare the table thinks it', () => {
    // Rohmah and Latifah are outside the frequency table (7.5 nats each) but on thousands of this
    // list's entries: a referral on the name alone would stop every namesake
    const m = listed('Rohmah Latifah binti Imron').find((x) => x.entryId === heldOften.entryId);
    expect(m).toBeUndefined();
  });

  it('leaves a common name screened without a date of birth to its score (Siti Aminah, ADR 0014)', () => {
    // hundreds of entries of a national list would share it by chance: not a referral on the name
    expect(listed('Siti Aminah').find((x) => x.entryId === common.entryId)).toBeUndefined();
  });

  it("refers on a name-only entry when the traveller adds a father's name (Wulandari Kusumaningrum binti Imron)", () => {
    // regression: the father's name counted as a word left over, so the name did not "agree"
    const m = listed('Wulandari Kusumaningrum binti Imron').find((x) => x.entryId === nameOnly.entryId);
    expect(m).toMatchObject({ effect: 'refer' });
    expect(m!.reasons).toContain('name_only_entry');
  });

  it('compares a traveller whose passport the entry also holds on the passport, not on names alone', () => {
    const e = own(3, { fullName: 'Sumiyati Rahmawati Siregar', passportNumber: 'X7654321' });
    const small = new WatchlistIndex();
    small.rebuild([e]);
    const m = small.screen(
      { fullName: 'Sumiyati Rahmawati Siregar', passportNumber: 'C1112223' },
      { now: NOW },
    ).matches[0];
    expect(m?.reasons ?? []).not.toContain('names_only_compared');
  });
});
