import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { waitFor } from '@simpul/bus/testing';
import type { Browser } from 'playwright-core';
import { foiledDepartureBody } from '../../deploy/local/src/demo/reference-scenario.js';
import { apiClient, type ApiClient, type Json } from '../support/api-client.js';
import { launchBrowser } from '../support/browser.js';
import { deskTabs, describePageChecks, type DeskTabs, type PageCheck } from '../support/console-desks.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

// The console's field-work screens (DESIGN §13, docs/console.md) in Debian's chromium against the
// real services, one system for the whole file: the cyber patrol records a finding with a phone
// number typed the Indonesian way and the Polda of its region sees it as a lead; the desk sends a
// team on an alert and records its report; a checkpoint's refer on a protective entry reaches the
// P4MI referrals and the post records its outcome; the case page shows that field work. Every new
// page in both languages, without an untranslated key, a console error or a serious axe violation.
jest.setTimeout(60_000);

const OFFICER = '198705122010011001';
const PHONE_TYPED = '0812-3456-7890';
const PHONE_E164 = '+6281234567890';

let system: TestSystem;
let api: ApiClient;
let browser: Browser;
let desks: DeskTabs;
let consoleUrl: string;
let caseId: string;
let alertId: string;
/** The protective entry of the foiled departure's first candidate, and that candidate. */
let candidate: Json;

beforeAll(async () => {
  // A team has 2 s to report, whatever the alert's severity: the desk sees an overdue dispatch
  // without the test waiting hours (the ministry reads these at start; Jest keeps them in this file).
  for (const severity of ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW']) {
    process.env[`MINISTRY_DISPATCH_DUE_${severity}_SECONDS`] = '2';
  }
  system = await startTestSystem('console_field');
  api = apiClient(system);
  consoleUrl = system.stack.consoleUrl;
  // A foiled departure of Polda Riau with two candidates (protective entries) and its company.
  const full = foiledDepartureBody({ runId: 'field-1', occurredAt: new Date(Date.now() - 3_600_000) });
  const candidates = (full.candidates as Json[]).slice(4, 6);
  const recorded = await api.ok('police', 'polda:riau', 'POST', '/v1/interceptions', {
    ...full,
    candidates,
    candidateCount: candidates.length,
  });
  candidate = candidates[0]!.person as Json;
  const alert = await waitFor(
    async () => {
      const { alerts } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/alerts');
      return (alerts as Json[]).find((a) => (a.sourceEventIds as string[]).includes(recorded.eventId));
    },
    { timeoutMs: 30_000, description: 'the interception alert' },
  );
  caseId = alert.caseId as string;
  alertId = alert.alertId as string;
  const [browserLaunched] = await Promise.all([
    launchBrowser(),
    waitFor(
      async () => {
        const status = await api.ok('immigration', 'checkpoint:batam-center', 'GET', '/v1/watchlist/status');
        return status.entries >= candidates.length;
      },
      { timeoutMs: 30_000, description: "the candidates' protective entries in Batam Center's replica" },
    ),
  ]);
  browser = browserLaunched;
  const tokens = JSON.parse(readFileSync(system.stack.tokensFile, 'utf8')) as Record<string, string>;
  desks = deskTabs(browser, consoleUrl, tokens);
}, 180_000);

afterAll(async () => {
  await desks?.close();
  await browser?.close();
  await system?.stop();
});

const deskPage = (unit: string, language: 'id' | 'en', refusalsExpected = false) =>
  desks.deskPage(unit, language, { refusalsExpected });

describe('cyber patrol', () => {
  let findingId: string;

  it('names a field the ministry refuses at that field, and records nothing', async () => {
    const page = await deskPage('ministry:desk', 'en', true);
    await page.goto(`${consoleUrl}/ministry/patrol`);
    await page.getByTestId('finding-url').fill('javascript:alert(1)');
    await page.getByTestId('finding-phone-0').fill('12');
    await page.getByTestId('finding-submit').click();
    await page.locator('.field-invalid').first().waitFor();
    const invalid = await page.locator('.field-invalid label').allInnerTexts();
    expect(invalid).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Address of the ad'),
        expect.stringContaining('Phone number 1'),
        expect.stringContaining('What the ad offers'),
      ]),
    );
    const { findings } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/patrol/findings');
    expect(findings).toEqual([]);
    await page.close();
  });

  it("records a finding with a phone number typed the Indonesian way, linked to the company's case", async () => {
    const page = await deskPage('ministry:desk', 'id');
    await page.goto(`${consoleUrl}/ministry/patrol`);
    await page.getByTestId('finding-platform').selectOption('facebook');
    await page.getByTestId('finding-url').fill('https://www.facebook.com/groups/loker.malaysia/posts/901');
    await page.getByTestId('finding-accountHandle').fill('@loker.mys.resmi');
    await page.getByTestId('finding-phone-0').fill(PHONE_TYPED);
    await page.getByTestId('finding-companyName').fill('PT Sinar Jaya Mandiri');
    await page.getByTestId('finding-destinationCountry').fill('mys');
    await page.getByTestId('finding-region').selectOption('riau');
    await page.getByTestId('finding-summary').fill('Lowongan kebun sawit di Johor, berangkat lewat Dumai.');
    await page.getByTestId('finding-submit').dblclick();
    findingId = (await page.getByTestId('finding-recorded').getAttribute('data-record-id'))!;
    const row = page.locator(`[data-testid="finding"][data-finding-id="${findingId}"]`);
    await row.locator(`a[href="/ministry/cases/${caseId}"]`).waitFor();
    // The list withholds the account and the number; the officer asks for them (an audited read).
    expect(await row.innerText()).not.toContain(PHONE_E164);
    await row.getByTestId('finding-show').click();
    const identifiers = await row.getByTestId('finding-identifiers').innerText();
    expect(identifiers).toContain(PHONE_E164);
    expect(identifiers).toContain('@loker.mys.resmi');
    // Once, whatever the double click.
    const { findings } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/patrol/findings');
    expect((findings as Json[]).map((f) => f.findingId)).toEqual([findingId]);
    await page.close();
  });

  it('searches by phone number with the officer and the purpose stated on the page', async () => {
    const page = await deskPage('ministry:desk', 'en');
    await page.goto(`${consoleUrl}/ministry/patrol`);
    await page.getByTestId('patrol-purpose').selectOption('investigation');
    await page.getByTestId('patrol-search-phone').fill('+62 812 3456 7890');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/v1/patrol/findings?phone=')),
      page.getByTestId('patrol-search').click(),
    ]);
    const headers = request.headers();
    expect(headers['simpul-official']).toBe(OFFICER);
    expect(headers['simpul-purpose']).toBe('investigation');
    await page.locator(`[data-testid="finding"][data-finding-id="${findingId}"]`).waitFor();
    await expect(page.getByTestId('finding').count()).resolves.toBe(1);
    await page.close();
  });

  it('shows the finding to the Polda of its region as a lead, its address as text', async () => {
    const page = await deskPage('polda:riau', 'en');
    await page.goto(`${consoleUrl}/polda/leads`);
    const lead = page.locator(`[data-testid="lead"][data-finding-id="${findingId}"]`);
    await lead.waitFor({ timeout: 20_000 });
    const text = await lead.innerText();
    expect(text).toContain(PHONE_E164);
    expect(text).toContain('@loker.mys.resmi');
    expect(text).toContain('PT Sinar Jaya Mandiri');
    await expect(lead.getByTestId('lead-cases').innerText()).resolves.toBe('1');
    await expect(lead.locator('a').count()).resolves.toBe(0);
    await page.close();
  });
});

describe('rapid response', () => {
  it('sends a team on an alert under the officer; the alert shows acknowledged', async () => {
    const page = await deskPage('ministry:desk', 'en');
    const alert = page.locator(`[data-testid="alert"][data-alert-id="${alertId}"]`);
    await alert.getByTestId('alert-send-team').click();
    await alert.getByTestId('send-team-name').fill('Tim Reaksi Cepat Riau 1');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/v1/alerts/${alertId}/dispatch`)),
      alert.getByTestId('send-team-submit').click(),
    ]);
    expect(request.postDataJSON()).toEqual({ team: 'Tim Reaksi Cepat Riau 1', officer: OFFICER });
    expect(request.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId('team-sent').waitFor();
    await page.getByLabel('Show acknowledged alerts').check();
    await expect(alert.innerText()).resolves.toContain('Acknowledged');
    const { alerts } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/alerts?status=acknowledged');
    expect((alerts as Json[]).map((a) => a.alertId)).toContain(alertId);
    // The team went under the officer signed in, with the due time the ministry set.
    const { dispatches } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/dispatches');
    expect((dispatches as Json[]).map((d) => [d.alertId, d.team])).toEqual([
      [alertId, 'Tim Reaksi Cepat Riau 1'],
    ]);
    await page.close();
  });

  it('lists the overdue dispatch in words and colour, and records its report', async () => {
    await waitFor(
      async () => {
        const { dispatches } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/dispatches');
        return (dispatches as Json[])[0]?.overdue === true;
      },
      { timeoutMs: 10_000, description: 'the dispatch past its due time' },
    );
    const page = await deskPage('ministry:desk', 'en', true);
    await page.goto(`${consoleUrl}/ministry/dispatches`);
    const row = page.locator('[data-testid="dispatch"]', { hasText: 'Tim Reaksi Cepat Riau 1' });
    await row.waitFor();
    await expect(row.getAttribute('data-state')).resolves.toBe('overdue');
    await expect(row.getAttribute('class')).resolves.toBe('row-warning');
    await expect(row.getByTestId('dispatch-due').innerText()).resolves.toMatch(/^⚠ OVERDUE: was due /);
    await row.getByTestId('dispatch-report-open').click();
    await row.getByTestId('dispatch-outcome').selectOption('victims_assisted');
    // Victims assisted without their number: the ministry names the field.
    await row.getByTestId('dispatch-report-submit').click();
    await row.locator('.field-invalid').waitFor();
    await expect(row.locator('.field-invalid label').innerText()).resolves.toContain('Victims assisted');
    await row.getByTestId('dispatch-victimsAssisted').fill('2');
    await row.getByTestId('dispatch-report-submit').click();
    await row.waitFor({ state: 'detached' });
    await page.getByLabel('Show reported dispatches').check();
    await expect(row.getAttribute('data-state')).resolves.toBe('reported');
    const { dispatches } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/dispatches?status=all');
    expect((dispatches as Json[]).map((d) => [d.alertId, d.status])).toEqual([[alertId, 'reported']]);
    await page.close();
  });
});

describe('P4MI referrals', () => {
  it("lists a checkpoint's refer on a protective entry once, and records the post's outcome", async () => {
    const screening = await api.ok('immigration', 'checkpoint:batam-center', 'POST', '/v1/screenings', {
      checkpoint: 'batam-center',
      traveler: {
        fullName: candidate.fullName,
        dateOfBirth: candidate.dateOfBirth,
        sex: candidate.sex,
        nik: candidate.nik,
      },
      travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
    });
    expect(screening.decision).toBe('refer');
    await waitFor(
      async () => {
        const { referrals } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/referrals');
        return (referrals as Json[]).some((r) => r.screeningId === screening.screeningId);
      },
      { timeoutMs: 20_000, description: 'the referral of the screening' },
    );
    const page = await deskPage('ministry:desk', 'id');
    await page.goto(`${consoleUrl}/ministry/referrals`);
    await page.getByTestId('referrals-checkpoint').selectOption('batam-center');
    const row = page.locator('[data-testid="referral"]', { hasText: screening.screeningId as string });
    await row.waitFor();
    await row.locator(`a[href="/ministry/cases/${caseId}"]`).waitFor();
    await row.getByTestId('referral-outcome-open').click();
    await row.getByTestId('referral-outcome-select').selectOption('returned_home');
    await row.getByTestId('referral-outcome-submit').dblclick();
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('referrals-status').selectOption('all');
    await expect(
      page
        .locator('[data-testid="referral"]', { hasText: screening.screeningId as string })
        .getByTestId('referral-recorded')
        .getAttribute('data-outcome'),
    ).resolves.toBe('returned_home');
    await page.close();
  });

  it('puts the field work on the case page', async () => {
    const page = await deskPage('ministry:desk', 'en');
    await page.goto(`${consoleUrl}/ministry/cases/${caseId}`);
    const referrals = page.getByTestId('case-referrals');
    await expect(referrals.innerText()).resolves.toContain('Returned home');
    const theCase = await api.ok('ministry', 'ministry:desk', 'GET', `/v1/cases/${caseId}`);
    if (theCase.dispatches) {
      await expect(page.getByTestId('case-dispatches').innerText()).resolves.toContain('2 victims assisted');
    }
    if (theCase.patrolFindings) {
      const { findings } = await api.ok('ministry', 'ministry:desk', 'GET', '/v1/patrol/findings');
      await expect(page.getByTestId('case-findings').innerText()).resolves.toContain(
        (findings as Json[])[0]!.findingId,
      );
    }
    await page.close();
  });
});

/** Every new page, what brings it to the state checked, and what shows it is loaded. */
const PAGES: PageCheck[] = [
  {
    name: 'ministry-patrol',
    unit: 'ministry:desk',
    path: () => '/ministry/patrol',
    ready: '[data-testid="finding"]',
  },
  {
    name: 'ministry-alerts, an alert\'s "Send team" form open',
    unit: 'ministry:desk',
    path: () => '/ministry/alerts',
    prepare: async (page) => {
      await page.locator('main input[type="checkbox"]').check();
      await page.getByTestId('alert-send-team').first().click();
    },
    ready: '[data-testid="send-team"]',
  },
  {
    name: 'ministry-dispatches',
    unit: 'ministry:desk',
    path: () => '/ministry/dispatches',
    ready: 'main .empty, [data-testid="dispatches-table"]',
  },
  {
    name: 'ministry-referrals',
    unit: 'ministry:desk',
    path: () => '/ministry/referrals',
    ready: 'main .empty, [data-testid="referrals-table"]',
  },
  {
    name: 'ministry-case',
    unit: 'ministry:desk',
    path: () => `/ministry/cases/${caseId}`,
    ready: '[data-testid="case-referrals"]',
  },
  { name: 'polda-leads', unit: 'polda:riau', path: () => '/polda/leads', ready: '[data-testid="lead"]' },
];

describePageChecks('every new page', PAGES, () => ({ desks, consoleUrl }));
