import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { waitFor } from '@simpul/bus/testing';
import type { Browser, Page } from 'playwright-core';
import { foiledDepartureBody, nikFor } from '../../deploy/local/src/demo/reference-scenario.js';
import { apiClient, type ApiClient, type Json } from '../support/api-client.js';
import { atLargeArrestBody } from '../support/arrest-body.js';
import { chooseLanguage, launchBrowser } from '../support/browser.js';
import { deskTabs, describePageChecks, type DeskTabs, type PageCheck } from '../support/console-desks.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// The console (docs/console.md) in Debian's chromium against the real services: every desk signs
// in with its unit's token, does its work, and reads the same figures the APIs give; every page
// in both languages, without an untranslated key, a console error or a serious axe violation.
// A page's steps each wait for what they need (Playwright's own 30 s at most); the test's bound is theirs.
jest.setTimeout(60_000);
// On loaded CI runs this file's chromium has been lost (closed with no crash in its log) while the
// unit tier ran beside it, cause not found (issue 15's closing note): a test that failed is run
// again, on a browser launched anew (test/support/console-desks.ts), with its first error logged.
jest.retryTimes(2, { logErrorsBeforeRetry: true });

let system: TestSystem;
let api: ApiClient;
let browser: Browser;
let desks: DeskTabs;
let tokens: Record<string, string>;
let consoleUrl: string;
let caseId: string;

const BROKER = {
  fullName: 'Bambang Soepriadi',
  dateOfBirth: '1976-08-17',
  sex: 'M' as const,
  passportNumber: 'B7654321',
};

beforeAll(async () => {
  system = await startTestSystem('console');
  api = apiClient(system);
  consoleUrl = system.stack.consoleUrl;
  tokens = JSON.parse(readFileSync(system.stack.tokensFile, 'utf8')) as Record<string, string>;
  // A broker at large (a dpo entry: deny at every checkpoint) and a foiled departure of Polda Riau.
  await api.ok('police', 'polda:kepri', 'POST', '/v1/arrests', {
    ...atLargeArrestBody('kepri', { ...BROKER, nik: nikFor(BROKER.dateOfBirth, 'M', 4321) }, 901),
  });
  await api.ok(
    'police',
    'polda:riau',
    'POST',
    '/v1/interceptions',
    foiledDepartureBody({ runId: 'console-1', occurredAt: new Date(Date.now() - 7_200_000) }),
  );
  caseId = await waitFor(
    async () => {
      const { alerts } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/alerts');
      return (alerts as Json[]).find((a) => a.kind === 'interception')?.caseId as string | undefined;
    },
    { timeoutMs: 30_000, description: 'the interception alert' },
  );
  await waitFor(
    async () => {
      const status = await api.ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
      const { entries } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/watchlist?legalType=dpo');
      return entries.length > 0 && status.entries >= entries.length;
    },
    { timeoutMs: 30_000, description: "the broker's dpo entry in Batam Center's replica" },
  );
  browser = await launchBrowser();
  desks = deskTabs(browser, consoleUrl, tokens);
}, 180_000);

afterAll(async () => {
  await desks?.close();
  await browser?.close();
  await system?.stop();
});

const newPage = (options: { refusalsExpected?: boolean } = {}): Promise<Page> => desks.newPage(options);

/** The id of the ministry's alert raised for a police or immigration event, once there is one. */
async function alertRaisedFor(eventId: string, description: string): Promise<string> {
  return waitFor(
    async () => {
      const { alerts } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/alerts');
      return (alerts as Json[]).find((a) => (a.sourceEventIds as string[]).includes(eventId))?.alertId as
        string | undefined;
    },
    { timeoutMs: 30_000, description },
  );
}

const deskPage = (
  unit: string,
  language: 'id' | 'en' = 'id',
  options: { refusalsExpected?: boolean } = {},
): Promise<Page> => desks.deskPage(unit, language, options);

describe('sign-in', () => {
  it.each([
    ['ministry:desk', '/ministry/alerts', 'KP2MI operations desk'],
    ['checkpoint:batam-center', '/checkpoint/screen', 'Pelabuhan Batam Center'],
    ['polda:riau', '/polda/arrest', 'Polda Riau'],
  ])('%s lands on its own desk, named, the token in session storage only', async (unit, home, name) => {
    const page = await deskPage(unit);
    expect(new URL(page.url()).pathname).toBe(home);
    await expect(page.getByTestId('signed-in-unit').innerText()).resolves.toContain(name);
    expect(page.url()).not.toContain(tokens[unit]!);
    const stored = await page.evaluate<{ session: string | null; local: string }>(
      "({ session: sessionStorage.getItem('simpul.session'), local: JSON.stringify(localStorage) })",
    );
    expect(stored.session).toContain(tokens[unit]!);
    expect(stored.local).not.toContain(tokens[unit]!);
    // Another desk's page sends the officer back to their own.
    await page.goto(`${consoleUrl}${unit.startsWith('polda') ? '/ministry/alerts' : '/polda/arrest'}`);
    await page.waitForURL(`**${home}`);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByLabel('Token').waitFor();
    await expect(
      page.evaluate<string | null>("sessionStorage.getItem('simpul.session')"),
    ).resolves.toBeNull();
    await page.close();
  });

  it('ends the session when a service refuses its token, and says why', async () => {
    const page = await deskPage('polda:riau', 'en', { refusalsExpected: true });
    // The token stops being accepted while the officer is signed in (as after `simpul agency revoke`).
    await page.evaluate(
      `sessionStorage.setItem('simpul.session', JSON.stringify({ ...JSON.parse(sessionStorage.getItem('simpul.session')), token: 'revoked' }))`,
    );
    await page.goto(`${consoleUrl}/polda/records`);
    await expect(page.getByTestId('session-refused').innerText()).resolves.toContain('Your session ended');
    await expect(
      page.evaluate<string | null>("sessionStorage.getItem('simpul.session')"),
    ).resolves.toBeNull();
    await page.close();
  });

  it('signs in and screens with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(`${consoleUrl}/`);
    const focused = () => page.evaluate<string>("document.activeElement.getAttribute('data-testid') || ''");
    const tabTo = async (testId: string) => {
      for (let i = 0; i < 12 && (await focused()) !== testId; i++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(testId);
    };
    await tabTo('sign-in-token');
    await page.keyboard.type(tokens['checkpoint:batam-center']!);
    await tabTo('sign-in-officer');
    await page.keyboard.type('198705122010011001');
    await page.keyboard.press('Enter');
    await page.getByTestId('screen-fullName').waitFor();
    await tabTo('screen-fullName');
    await page.keyboard.type('Bambang Supriadi');
    await tabTo('screen-passportNumber');
    await page.keyboard.type(BROKER.passportNumber);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('decision').getAttribute('data-decision')).resolves.toBe('deny');
    await page.close();
  });

  it('refuses an unknown token with a clear message and keeps nothing', async () => {
    const page = await newPage({ refusalsExpected: true });
    await page.goto(`${consoleUrl}/`);
    await chooseLanguage(page, 'en');
    await page.getByLabel('Token').fill('not-a-token-of-any-unit');
    await page.getByTestId('sign-in-officer').fill('1');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('The token was not accepted');
    await expect(
      page.evaluate<string | null>("sessionStorage.getItem('simpul.session')"),
    ).resolves.toBeNull();
    await page.close();
  });
});

describe('checkpoint desk', () => {
  it('screens the watchlisted broker: deny, as a dpo, with reasons; the outcome is recorded under the officer', async () => {
    const page = await deskPage('checkpoint:batam-center', 'en');
    await expect(page.getByTestId('replica-freshness').getAttribute('data-state')).resolves.toBe('fresh');
    // Pre-1972 spelling on the passport, modern at the desk: the same person.
    await page.getByTestId('screen-fullName').fill('Bambang Supriadi');
    await page.getByTestId('screen-dateOfBirth').fill(BROKER.dateOfBirth);
    await page.getByTestId('screen-passportNumber').fill(BROKER.passportNumber);
    await page.getByTestId('screen-destination').fill('MYS');
    await page.getByTestId('screen-purpose').selectOption('tourism');
    await page.getByTestId('screen-submit').click();
    const decision = page.getByTestId('decision');
    await expect(decision.getAttribute('data-decision')).resolves.toBe('deny');
    await expect(decision.innerText()).resolves.toContain('DENY DEPARTURE');
    await expect(page.getByTestId('decision-legal-type').innerText()).resolves.toContain('DPO');
    await expect(decision.innerText()).resolves.toContain('same passport number');

    await page.getByTestId('outcome-departure_delayed').dblclick();
    const recorded = page.getByTestId('outcome-recorded');
    await expect(recorded.getAttribute('data-outcome')).resolves.toBe('departure_delayed');
    // One delay, whatever the double click: the ministry counts it once, at Batam Center.
    const delays = await waitFor(
      async () => {
        const stats = await api.ok(
          'ministry',
          'ministry:desk',
          'GET',
          '/v1/stats/prevented-departures?groupBy=checkpoint',
        );
        return (stats.groups as Json[]).find((g) => g.key === 'batam-center');
      },
      { timeoutMs: 20_000, description: 'the delay in the prevented-departures figure' },
    );
    expect(delays.prevented).toBe(1);
    await page.close();
  });

  it('never shows an advisory or protective entry as a ban', async () => {
    const page = await deskPage('checkpoint:batam-center', 'id');
    const { entries } = await api.ok(
      'ministry',
      'ministry:desk',
      'GET',
      '/v1/watchlist?legalType=protective&limit=1',
    );
    const candidate = (entries as Json[])[0]!.person as Json;
    await page.getByTestId('screen-fullName').fill(candidate.fullName as string);
    if (candidate.dateOfBirth)
      await page.getByTestId('screen-dateOfBirth').fill(candidate.dateOfBirth as string);
    await page.getByTestId('screen-submit').click();
    const decision = page.getByTestId('decision');
    await expect(decision.getAttribute('data-decision')).resolves.toBe('refer');
    const text = await decision.innerText();
    expect(text).toContain('bukan larangan');
    expect(text).not.toContain('TOLAK');
    await page.close();
  });

  it('names a missing full name as a field error and screens nothing', async () => {
    const page = await deskPage('checkpoint:batam-center', 'en', { refusalsExpected: true });
    await page.getByTestId('screen-submit').click();
    await expect(page.locator('.field-invalid').first().innerText()).resolves.toContain('is required');
    await expect(page.getByTestId('decision').count()).resolves.toBe(0);
    await page.close();
  });
});

describe('ministry desk', () => {
  it("shows a new foiled departure's alert in the live feed without a reload, and acknowledges it", async () => {
    const page = await deskPage('ministry:desk', 'en');
    await page.getByTestId('alert').first().waitFor();
    await expect(page.getByTestId('alert-feed-state').getAttribute('data-state')).resolves.toBe('live');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    const recorded = await api.ok('police', 'polda:kepri', 'POST', '/v1/interceptions', {
      ...foiledDepartureBody({ runId: 'console-2', occurredAt: new Date(Date.now() - 3_600_000) }),
      polda: 'kepri',
    });
    const alertId = await alertRaisedFor(recorded.eventId, 'the alert of the new interception');
    const alert = page.locator(`[data-testid="alert"][data-alert-id="${alertId}"]`);
    await alert.waitFor({ timeout: 10_000 });
    expect(navigations).toEqual([]);
    await alert.getByTestId('alert-acknowledge').click();
    await alert.waitFor({ state: 'detached' });
    const { alerts } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/alerts?status=acknowledged');
    expect((alerts as Json[]).map((a) => a.alertId)).toContain(alertId);
    await page.close();
  });

  it('reconnects after the ministry restarts and shows the alerts raised meanwhile, once each', async () => {
    const page = await deskPage('ministry:desk', 'en', { refusalsExpected: true });
    await page.getByTestId('alert').first().waitFor();
    await expect(page.getByTestId('alert-feed-state').getAttribute('data-state')).resolves.toBe('live');
    // The feed's states, noted in the page as they change.
    await page.evaluate(`(() => {
      const state = document.querySelector('[data-testid="alert-feed-state"]');
      window.__feedStates = [];
      new MutationObserver(() => window.__feedStates.push(state.getAttribute('data-state'))).observe(state, {
        attributes: true,
      });
    })()`);
    // The ministry dies under the open stream; a foiled departure is recorded while it is down.
    await system.stack.restartService('ministry', { signal: 'SIGKILL' });
    const recorded = await api.ok('police', 'polda:kepri', 'POST', '/v1/interceptions', {
      ...foiledDepartureBody({ runId: 'console-3', occurredAt: new Date(Date.now() - 1_800_000) }),
      polda: 'kepri',
    });
    const alertId = await alertRaisedFor(recorded.eventId, 'the alert raised after the restart');
    await page.locator(`[data-testid="alert"][data-alert-id="${alertId}"]`).waitFor({ timeout: 20_000 });
    expect(await page.evaluate<string[]>('window.__feedStates')).toContain('reconnecting');
    await expect(page.getByTestId('alert-feed-state').getAttribute('data-state')).resolves.toBe('live');
    // Every alert shown once, however many times the stream resumed.
    const ids = await page
      .getByTestId('alert')
      .evaluateAll((items) => items.map((i) => i.getAttribute('data-alert-id')));
    expect(new Set(ids).size).toBe(ids.length);
    await page.close();
  });

  it("shows the same prevented-departure figures as the ministry's API, by Polda, checkpoint and month", async () => {
    const page = await deskPage('ministry:desk', 'id');
    await page.goto(`${consoleUrl}/ministry/dashboard`);
    for (const groupBy of ['polda', 'checkpoint', 'month']) {
      const stats = await api.ok(
        'ministry',
        'ministry:desk',
        'GET',
        `/v1/stats/prevented-departures?groupBy=${groupBy}`,
      );
      const section = page.getByTestId(`prevented-${groupBy}`);
      await section.getByTestId('prevented-figure').first().waitFor();
      const shown = await section
        .getByTestId('prevented-figure')
        .evaluateAll((cells) =>
          cells.map((c) => [c.getAttribute('data-key'), Number(c.getAttribute('data-value'))]),
        );
      expect(shown).toEqual((stats.groups as Json[]).map((g) => [g.key, g.prevented]));
      // Each figure opens the events behind it.
      const first = (stats.groups as Json[])[0]!;
      await section.getByTestId('prevented-figure').first().getByRole('button').click();
      const events = await section.getByTestId('prevented-events').innerText();
      for (const id of first.eventIds as string[]) expect(events).toContain(id);
    }
    await page.close();
  });

  it("re-identifies an entry's person only with a stated purpose, and the ministry audits the read", async () => {
    const page = await deskPage('ministry:desk', 'en');
    await page.goto(`${consoleUrl}/ministry/watchlist`);
    await page.getByLabel('Legal type').first().selectOption('dpo');
    const table = page.getByTestId('watchlist-table');
    await expect(table.innerText()).resolves.toContain(BROKER.fullName);
    // The broker's row: the list withholds his NIK from checkpoints; re-identification shows it.
    const row = table.locator('tr', { hasText: BROKER.fullName });
    await row.getByRole('button', { name: 'Manage' }).click();
    await row.getByRole('button', { name: 'Re-identify' }).click();
    await row.getByLabel(/^Purpose/).selectOption('investigation');
    await row.getByRole('button', { name: 'Show identity' }).click();
    const shown = await row.getByTestId('reidentified').innerText();
    expect(shown).toContain(nikFor(BROKER.dateOfBirth, 'M', 4321));
    const trail = await api.ok(
      'ministry',
      'ministry:desk',
      'GET',
      `/v1/audit/subject?nik=${nikFor(BROKER.dateOfBirth, 'M', 4321)}&purpose=data_subject_request`,
    );
    const read = (trail.records as Json[]).find((r) => r.purpose === 'investigation');
    expect(read?.official).toBe('198705122010011001');
    await page.close();
  });

  it('warns the desk that issues an entry known by a one-word name only, in the answer and in the list (ADR 0013)', async () => {
    const page = await deskPage('ministry:desk', 'en');
    await page.goto(`${consoleUrl}/ministry/watchlist`);
    await page.getByRole('button', { name: 'Issue an entry' }).click();
    const form = page.locator('form', { has: page.locator('#issue-title') });
    await form.getByLabel('Full name').fill('Sukarti');
    await form.getByLabel('Reason').fill('Laporan keluarga: calon PMI non-prosedural');
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Valid from').fill(today);
    await form.getByLabel('Valid until').fill(later);
    await form.getByRole('button', { name: 'Issue', exact: true }).click();
    await expect(form.getByTestId('issued-warning').innerText()).resolves.toContain('one-word name');
    await page.getByLabel('Legal type').first().selectOption('advisory');
    const row = page.getByTestId('watchlist-table').locator('tr', { hasText: 'Sukarti' });
    await expect(row.getByTestId('entry-warning').innerText()).resolves.toContain('one-word name');
    await page.close();
  });

  it('shows the case timeline with every linked event', async () => {
    const page = await deskPage('ministry:desk', 'en');
    await page.goto(`${consoleUrl}/ministry/cases/${caseId}`);
    const theCase = await api.ok('ministry', 'ministry:desk', 'GET', `/v1/cases/${caseId}`);
    const items = page.getByTestId('case-timeline').locator('li');
    await items.first().waitFor();
    await expect(items.count()).resolves.toBe((theCase.events as Json[]).length);
    await expect(page.getByTestId('case-timeline').innerText()).resolves.toContain('Departure foiled');
    await page.close();
  });
});

describe('Polda desk', () => {
  it('names the failing fields inline and records nothing', async () => {
    const page = await deskPage('polda:riau', 'en', { refusalsExpected: true });
    const before = await api.ok('police', 'polda:riau', 'GET', '/v1/arrests');
    await page.getByTestId('arrest-submit').click();
    await page.locator('.field-invalid').first().waitFor();
    const invalid = await page.locator('.field-invalid label').allInnerTexts();
    expect(invalid.join(' | ')).toEqual(expect.stringContaining('Police report number'));
    expect(invalid.join(' | ')).toEqual(expect.stringContaining('Full name'));
    const after = await api.ok('police', 'polda:riau', 'GET', '/v1/arrests');
    expect(after.items.length).toBe(before.items.length);
    await page.close();
  });

  it('records an arrest once, whatever the double click, and lists it among its records', async () => {
    const page = await deskPage('polda:riau', 'id');
    const before = await api.ok('police', 'polda:riau', 'GET', '/v1/arrests');
    await page.getByTestId('arrest-reportNumber').fill('LP/B/555/XII/2026/SPKT/POLDA RIAU');
    await page.getByTestId('arrest-occurredAt').fill('2026-12-01T20:30');
    await page.getByTestId('arrest-locationName').fill('Pelabuhan Dumai');
    await page.getByLabel('Nama lengkap').first().fill('Sutrisno Wibowo');
    await page.getByTestId('arrest-submit').dblclick();
    const recorded = page.getByTestId('recorded');
    const id = await recorded.getAttribute('data-record-id');
    const after = await api.ok('police', 'polda:riau', 'GET', '/v1/arrests');
    expect(after.items.length).toBe(before.items.length + 1);
    expect((after.items as Json[])[0]!.id).toBe(id);
    // 20:30 typed at Polda Riau is WIB (UTC+7).
    expect((after.items as Json[])[0]!.occurredAt).toBe('2026-12-01T13:30:00.000Z');
    await page.goto(`${consoleUrl}/polda/records`);
    await page.locator(`[data-record-id="${id}"]`).waitFor();
    await page.close();
  });

  it("records a foiled departure from its form, and the ministry's feed shows its alert", async () => {
    const ministry = await deskPage('ministry:desk', 'en');
    await ministry.getByTestId('alert').first().waitFor();
    const page = await deskPage('polda:riau', 'en');
    await page.goto(`${consoleUrl}/polda/interception`);
    await page.getByTestId('interception-occurredAt').fill('2026-12-02T05:15');
    await page.getByTestId('interception-locationName').fill('Pantai Pulau Rupat');
    await page.getByTestId('interception-exitPoint').fill('dumai');
    await page.getByTestId('interception-destinationCountry').fill('mys');
    await page.getByLabel('Full name').first().fill('Siti Aminah');
    await page.getByTestId('interception-candidateCount').fill('3');
    await page.getByTestId('interception-submit').click();
    const eventId = await page.getByTestId('recorded').getAttribute('data-event-id');
    const alertId = await alertRaisedFor(
      eventId!,
      'the alert of the foiled departure recorded in the console',
    );
    await ministry.locator(`[data-testid="alert"][data-alert-id="${alertId}"]`).waitFor({ timeout: 10_000 });
    await page.close();
    await ministry.close();
  });

  it("lists the checkpoint matches on Polda Kepri's suspects", async () => {
    const page = await deskPage('polda:kepri', 'en');
    await page.goto(`${consoleUrl}/polda/matches`);
    await expect(page.getByTestId('matches-table').innerText()).resolves.toContain('batam-center');
    await page.close();
  });
});

/** Every page of every desk, and what shows it is loaded. */
const PAGES: PageCheck[] = [
  {
    name: 'ministry-alerts',
    unit: 'ministry:desk',
    path: () => '/ministry/alerts',
    ready: '[data-testid="alert"]',
  },
  {
    name: 'ministry-case',
    unit: 'ministry:desk',
    path: () => `/ministry/cases/${caseId}`,
    ready: '[data-testid="case-timeline"] li',
  },
  {
    name: 'ministry-watchlist',
    unit: 'ministry:desk',
    path: () => '/ministry/watchlist',
    ready: '[data-testid="watchlist-table"]',
  },
  {
    name: 'ministry-companies',
    unit: 'ministry:desk',
    path: () => '/ministry/companies',
    ready: 'table.data',
  },
  {
    name: 'ministry-dashboard',
    unit: 'ministry:desk',
    path: () => '/ministry/dashboard',
    ready: '[data-testid="prevented-figure"]',
  },
  {
    name: 'checkpoint-screen',
    unit: 'checkpoint:batam-center',
    path: () => '/checkpoint/screen',
    ready: '[data-testid="replica-freshness"]',
  },
  {
    name: 'polda-arrest',
    unit: 'polda:riau',
    path: () => '/polda/arrest',
    ready: '[data-testid="arrest-submit"]',
  },
  {
    name: 'polda-interception',
    unit: 'polda:riau',
    path: () => '/polda/interception',
    ready: '[data-testid="interception-submit"]',
  },
  {
    name: 'polda-records',
    unit: 'polda:riau',
    path: () => '/polda/records',
    ready: '[data-testid="records-arrests"]',
  },
  {
    name: 'polda-matches',
    unit: 'polda:kepri',
    path: () => '/polda/matches',
    ready: '[data-testid="matches-table"]',
  },
];

// One signed-in tab per unit for the page checks: each page is opened in it, in the language of
// the check (switched with the console's own button), as an officer moves between pages.
describePageChecks('every page', PAGES, () => ({ desks, consoleUrl }));
