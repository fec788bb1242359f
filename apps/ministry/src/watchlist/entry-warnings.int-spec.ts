// ADR 0013 over real HTTP and PostgreSQL: a one-word, identifier-less entry is issued with a warning
// in the answer and carries it in the desk's list, so the desk can add what identifies the person;
// an entry that identifies someone carries none.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { startMinistryTestApp, type MinistryTestApp } from '../testing/ministry-test-app.js';

jest.setTimeout(30_000);

const DESK_TOKEN = randomBytes(32).toString('hex');
let t: MinistryTestApp;

function protective(person: Record<string, unknown>) {
  return {
    legalType: 'protective',
    action: 'refer',
    person,
    reason: 'Calon PMI non-prosedural, laporan keluarga',
    issuedBy: 'KP2MI desk',
    validFrom: '2025-07-06T00:00:00Z',
    validUntil: '2025-09-06T00:00:00Z',
  };
}

// one app for the file: the case only issues and lists, so nothing is left to reset between cases
beforeAll(async () => {
  const tokens = { [DESK_TOKEN]: 'ministry:desk' };
  t = await startMinistryTestApp({ database: 'ministry_entry_warnings', tokens, defaultToken: DESK_TOKEN });
}, 60_000);
afterAll(() => t?.stop(), 30_000);

describe('warnings on watchlist entries', () => {
  it('warns on Ani with nothing else, in the answer and in the list; not on Ani with a date of birth, nor on Siti Rahmawati', async () => {
    const thin = await t.api('POST', '/v1/watchlist', protective({ fullName: 'Ani', sex: 'F' }));
    expect(thin.status).toBe(201);
    expect(thin.body.warnings).toEqual(['insufficient_identification']);
    const dated = await t.api(
      'POST',
      '/v1/watchlist',
      protective({ fullName: 'Ani', dateOfBirth: '1999-03-04' }),
    );
    const named = await t.api('POST', '/v1/watchlist', protective({ fullName: 'Siti Rahmawati' }));
    expect([dated.status, dated.body.warnings, named.status, named.body.warnings]).toEqual([
      201,
      undefined,
      201,
      undefined,
    ]);
    const list = await t.api('GET', '/v1/watchlist?legalType=protective');
    expect(list.status).toBe(200);
    const warningsById = Object.fromEntries(
      (list.body.entries as Array<{ entryId: string; warnings?: string[] }>).map((e) => [
        e.entryId,
        e.warnings,
      ]),
    );
    expect(warningsById).toEqual({
      [thin.body.id as string]: ['insufficient_identification'],
      [dated.body.id as string]: undefined,
      [named.body.id as string]: undefined,
    });
  });

  it('answers a re-issue with the warning while the entry stays thin, and without it once a date of birth is added', async () => {
    const thin = await t.api('POST', '/v1/watchlist', protective({ fullName: 'Sukarti', sex: 'F' }));
    expect(thin.body.warnings).toEqual(['insufficient_identification']);
    const id = thin.body.id as string;
    const still = await t.api('POST', `/v1/watchlist/${id}/reissue`, {
      reason: 'Laporan keluarga diperbarui',
    });
    expect([still.status, still.body.version, still.body.warnings]).toEqual([
      200,
      2,
      ['insufficient_identification'],
    ]);
    const completed = await t.api('POST', `/v1/watchlist/${id}/reissue`, {
      person: { fullName: 'Sukarti', sex: 'F', dateOfBirth: '1968-02-11' },
    });
    expect([completed.status, completed.body.version, completed.body.warnings]).toEqual([200, 3, undefined]);
  });
});
