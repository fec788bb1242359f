import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { PATROL_PLATFORMS as CONTRACT_PLATFORMS } from '@simpul/contracts';
import {
  DISPATCH_OUTCOMES,
  PATROL_PLATFORMS,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUS_FILTERS,
} from '../../api/contract-values';
import { CHECKPOINTS, placeName, POLDAS } from '../places';
import { dispatchOrder, dispatchState, dueWords, reportBody } from './Dispatches';
import { EMPTY_FINDING, findingBody, phoneInputPaths, type FindingValues } from './PatrolFindings';
import { referralOutcomeBody, referralsPath } from './Referrals';
import { dispatchBody } from './SendTeam';

type Catalogue = Record<string, Record<string, unknown>>;
const catalogue = (language: string) =>
  JSON.parse(readFileSync(new URL(`../../i18n/${language}.json`, import.meta.url), 'utf8')) as Catalogue;
const en = catalogue('en');
const id = catalogue('id');

const finding = (changes: Partial<FindingValues> = {}): FindingValues => ({ ...EMPTY_FINDING, ...changes });

describe('the patrol finding body', () => {
  it('leaves blanks out, so the ministry names what is missing', () => {
    expect(findingBody(finding())).toEqual({ platform: 'facebook' });
  });

  it('sends the phone numbers as typed, trimmed, without the blank inputs', () => {
    const body = findingBody(
      finding({
        url: ' https://www.facebook.com/groups/loker-malaysia/posts/1 ',
        phones: [{ value: ' 0812-3456-7890 ' }, { value: '' }, { value: '+62 (0)813 1111 2222' }],
        summary: ' Lowongan kebun sawit ',
        destinationCountry: 'mys',
        region: 'riau',
        accountHandle: '@loker.mys',
        companyName: ' PT Maju Jaya ',
      }),
    );
    expect(body).toEqual({
      platform: 'facebook',
      url: 'https://www.facebook.com/groups/loker-malaysia/posts/1',
      accountHandle: '@loker.mys',
      phoneNumbers: ['0812-3456-7890', '+62 (0)813 1111 2222'],
      companyName: 'PT Maju Jaya',
      destinationCountry: 'MYS',
      summary: 'Lowongan kebun sawit',
      region: 'riau',
    });
  });

  it('reads the posting time as typed at the ministry desk, in Jakarta (WIB, UTC+7)', () => {
    expect(findingBody(finding({ postedAt: '2026-12-03T21:15' })).postedAt).toBe('2026-12-03T14:15:00.000Z');
  });

  it("brings each phone number's error back to the input it was typed in", () => {
    // The second input was left blank: the third input's number is phoneNumbers[1] at the ministry.
    expect(phoneInputPaths([{ value: '0812' }, { value: ' ' }, { value: '0813' }])).toEqual([
      'phoneNumbers[0]',
      undefined,
      'phoneNumbers[1]',
    ]);
  });
});

const dispatch = (dueBy: string, changes: Record<string, unknown> = {}) => ({
  status: 'open',
  dueBy,
  overdue: false,
  report: null,
  ...changes,
});
const NOW = Date.parse('2026-12-04T03:00:00.000Z');

describe('a dispatch and its due time', () => {
  it('is open before its due time, overdue after it, reported once its report is in', () => {
    expect(dispatchState(dispatch('2026-12-04T04:00:00.000Z'), NOW)).toBe('open');
    expect(dispatchState(dispatch('2026-12-04T02:00:00.000Z'), NOW)).toBe('overdue');
    expect(dispatchState(dispatch('2026-12-04T03:00:00.000Z'), NOW)).toBe('overdue');
    expect(
      dispatchState(dispatch('2026-12-04T02:00:00.000Z', { report: { outcome: 'no_action' } }), NOW),
    ).toBe('reported');
    expect(dispatchState(dispatch('2026-12-04T02:00:00.000Z', { status: 'reported' }), NOW)).toBe('reported');
  });

  it("trusts the ministry's overdue flag (its clock decides) even when the page's clock disagrees", () => {
    expect(dispatchState(dispatch('2026-12-04T04:00:00.000Z', { overdue: true }), NOW)).toBe('overdue');
  });

  it('lists the overdue ones first, then the open ones, then the reported ones, each soonest due first', () => {
    const list = [
      { dispatchId: 'reported', ...dispatch('2026-12-04T01:00:00.000Z', { status: 'reported' }) },
      { dispatchId: 'open-later', ...dispatch('2026-12-05T00:00:00.000Z') },
      { dispatchId: 'overdue', ...dispatch('2026-12-04T02:00:00.000Z') },
      { dispatchId: 'open-sooner', ...dispatch('2026-12-04T04:00:00.000Z') },
    ] as unknown as Parameters<typeof dispatchOrder>[0];
    expect(dispatchOrder(list, NOW).map((d) => d.dispatchId)).toEqual([
      'overdue',
      'open-sooner',
      'open-later',
      'reported',
    ]);
  });

  it('says how late or how soon in words, in both languages', () => {
    const late = dueWords(dispatch('2026-12-04T00:00:00.000Z'), NOW, 'en');
    expect(late).toEqual({ state: 'overdue', key: 'dispatches.due_overdue', values: { age: '3 hours ago' } });
    expect(dueWords(dispatch('2026-12-04T03:45:00.000Z'), NOW, 'en').values.age).toBe('in 45 minutes');
    expect(dueWords(dispatch('2026-12-04T03:45:00.000Z'), NOW, 'id').values.age).toBe('dalam 45 menit');
    for (const state of ['open', 'overdue', 'reported']) {
      expect(en.dispatches).toHaveProperty(`due_${state}`);
      expect(id.dispatches).toHaveProperty(`due_${state}`);
    }
    expect(en.dispatches!.due_overdue).toMatch(/OVERDUE/);
    expect(id.dispatches!.due_overdue).toMatch(/TERLAMBAT/);
  });
});

describe('the report of a dispatch', () => {
  it('sends the number of victims assisted with victims_assisted only', () => {
    expect(
      reportBody({ outcome: 'victims_assisted', victimsAssisted: '3', note: ' dua perempuan ' }),
    ).toEqual({
      outcome: 'victims_assisted',
      victimsAssisted: 3,
      note: 'dua perempuan',
    });
    expect(reportBody({ outcome: 'no_action', victimsAssisted: '3', note: '' })).toEqual({
      outcome: 'no_action',
    });
  });

  it('leaves a missing count out and sends one that is not a whole number as typed, for the ministry to name', () => {
    expect(reportBody({ outcome: 'victims_assisted', victimsAssisted: '', note: '' })).toEqual({
      outcome: 'victims_assisted',
    });
    expect(reportBody({ outcome: 'victims_assisted', victimsAssisted: '2.5', note: '' })).toEqual({
      outcome: 'victims_assisted',
      victimsAssisted: '2.5',
    });
  });
});

describe('sending a team and recording a referral outcome', () => {
  it('sends the team under the signed-in officer; a blank team is left for the ministry to name', () => {
    expect(dispatchBody(' Tim Reaksi Cepat 2 ', '198705122010011001')).toEqual({
      team: 'Tim Reaksi Cepat 2',
      officer: '198705122010011001',
    });
    expect(dispatchBody('  ', '198705122010011001')).toEqual({ officer: '198705122010011001' });
  });

  it('records the outcome under the officer, with the note if any', () => {
    expect(referralOutcomeBody('returned_home', '1987', ' diantar ke terminal ')).toEqual({
      outcome: 'returned_home',
      officer: '1987',
      note: 'diantar ke terminal',
    });
    expect(referralOutcomeBody('declined', '1987', '')).toEqual({ outcome: 'declined', officer: '1987' });
  });

  it("filters the referrals by checkpoint in the ministry's query", () => {
    expect(referralsPath('', 'open')).toBe('/v1/referrals?status=open');
    expect(referralsPath('batam-center', 'all')).toBe('/v1/referrals?checkpoint=batam-center&status=all');
  });
});

/** An `export const NAME = [ '...', ... ]` list of the ministry's source (apps never import each other). */
function ministryList(file: string, name: string): string[] {
  const source = readFileSync(new URL(`../../../../../ministry/src/${file}`, import.meta.url), 'utf8');
  const literal = new RegExp(`export const ${name} = \\[([^\\]]*)\\]`).exec(source)?.[1];
  if (!literal) throw new Error(`${name} not found in ${file}`);
  return [...literal.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe("the field work's lists", () => {
  it("offer the contract's platforms", () => {
    expect([...PATROL_PLATFORMS]).toEqual([...CONTRACT_PLATFORMS]);
  });

  it("offer the ministry's report outcomes", () => {
    expect([...DISPATCH_OUTCOMES]).toEqual(ministryList('dispatches/dispatch.rules.ts', 'REPORT_OUTCOMES'));
  });

  it("offer the ministry's referral outcomes and status filters", () => {
    expect([...REFERRAL_OUTCOMES]).toEqual(ministryList('referrals/referral.rules.ts', 'REFERRAL_OUTCOMES'));
    expect([...REFERRAL_STATUS_FILTERS]).toEqual(
      ministryList('referrals/referral.rules.ts', 'REFERRAL_STATUS_FILTERS'),
    );
  });

  it.each([
    ['platform', PATROL_PLATFORMS],
    ['dispatchOutcome', DISPATCH_OUTCOMES],
    ['referralOutcome', REFERRAL_OUTCOMES],
    ['referralStatus', REFERRAL_STATUS_FILTERS],
  ] as [string, readonly string[]][])('name every %s in both languages', (family, list) => {
    for (const tree of [en, id]) {
      expect(list.filter((value) => typeof tree[family]?.[value] !== 'string')).toEqual([]);
    }
  });

  it('offer every reference Polda and checkpoint, by name', () => {
    const units = JSON.parse(
      readFileSync(new URL('../../../../../../deploy/reference/units.json', import.meta.url), 'utf8'),
    ) as { polda: { code: string }[]; checkpoints: { code: string }[] };
    expect(POLDAS.map((p) => p.code)).toEqual(units.polda.map((p) => p.code));
    expect(CHECKPOINTS.map((c) => c.code)).toEqual(units.checkpoints.map((c) => c.code));
    expect(placeName('batam-center')).toBe('Pelabuhan Batam Center');
    expect(placeName('nowhere')).toBe('nowhere');
  });
});
