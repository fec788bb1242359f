import { describe, expect, it } from '@jest/globals';
import { validFixture } from '@simpul/contracts/testing';
import { matchToKeep, matchView } from './match.rules.js';

const data = validFixture('immigration.screening.matched.v1').data;
const serves = (unitId: string) => unitId === 'polda:riau';

describe('matchToKeep', () => {
  it('keeps a match on a person reported by a served Polda, without traveller details', () => {
    const row = matchToKeep(
      'e1',
      { ...data, origin: { unit: 'polda:riau', eventId: 'o1', personId: 'p1' } },
      serves,
    );
    expect(row).toMatchObject({
      eventId: 'e1',
      originUnit: 'polda:riau',
      originEventId: 'o1',
      originPersonId: 'p1',
    });
    expect(JSON.stringify(row)).not.toContain(data.traveler.fullName);
  });

  it('ignores a match without origin or from another unit', () => {
    const { origin: _o, ...withoutOrigin } = data;
    expect(matchToKeep('e1', withoutOrigin, serves)).toBeUndefined();
    expect(
      matchToKeep('e1', { ...data, origin: { unit: 'polda:kepri', eventId: 'o1' } }, serves),
    ).toBeUndefined();
    expect(
      matchToKeep('e1', { ...data, origin: { unit: 'ministry:desk', eventId: 'o1' } }, serves),
    ).toBeUndefined();
  });
});

describe('matchView', () => {
  it('shows the origin person id only when the entry carried one', () => {
    const row = matchToKeep('e1', { ...data, origin: { unit: 'polda:riau', eventId: 'o1' } }, serves)!;
    expect(matchView(row).origin).toEqual({ unit: 'polda:riau', eventId: 'o1' });
    expect(matchView(row).occurredAt).toBe(new Date(data.occurredAt).toISOString());
  });
});
