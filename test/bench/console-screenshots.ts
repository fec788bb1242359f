// `npm run screenshots:console`: the README's pictures of the three desks, in both languages
// (docs/screenshots/<desk>-<language>.png), taken in Debian's chromium of the single-server run
// (e2e-topologies.ts) after the reference scenario has been played (docs/domain.md). Run it again
// after a change to the pages and commit the pictures.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type * as PlayScenarioModule from '../../deploy/local/src/demo/play-scenario.js';
import { launchBrowser, signIn } from '../support/browser.js';
import { startSingle, StopList } from './e2e-topologies.js';

const { playScenario } = (await import(
  new URL('../../../deploy/local/dist/demo/play-scenario.js', import.meta.url).href
)) as typeof PlayScenarioModule;

const OUT = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const log = (line: string) => console.error(`screenshots: ${line}`);
const stops = new StopList();

interface Shot {
  name: string;
  unit: string;
  /** Brings the page to the state shown. */
  show(page: Page, consoleUrl: string): Promise<void>;
  /** The whole page, not only the screen's first 860 pixels. */
  fullPage?: boolean;
}

/** The case of the reference scenario's field work (set once the scenario has been played). */
let fieldWorkCaseId = '';

const SHOTS: Shot[] = [
  {
    name: 'ministry-alerts',
    unit: 'ministry:desk',
    show: async (page) => {
      await page.getByTestId('alert').first().waitFor();
    },
  },
  {
    name: 'ministry-dashboard',
    unit: 'ministry:desk',
    show: async (page, consoleUrl) => {
      await page.goto(`${consoleUrl}/ministry/dashboard`);
      await page.getByTestId('prevented-figure').first().waitFor();
      await page.getByTestId('prevented-polda').getByRole('button').first().click();
    },
  },
  {
    name: 'checkpoint-deny',
    unit: 'checkpoint:batam-center',
    show: async (page) => {
      // The broker of the reference scenario, in the modern spelling, with his passport.
      await page.getByTestId('screen-fullName').fill('Joko Susanto');
      await page.getByTestId('screen-dateOfBirth').fill('1979-04-12');
      await page.getByTestId('screen-sex').selectOption('M');
      await page.getByTestId('screen-passportNumber').fill('C1234567');
      await page.getByTestId('screen-destination').fill('SGP');
      await page.getByTestId('screen-purpose').selectOption('tourism');
      await page.getByTestId('screen-submit').click();
      await page.getByTestId('decision').waitFor();
    },
  },
  {
    name: 'ministry-patrol',
    unit: 'ministry:desk',
    fullPage: true,
    show: async (page, consoleUrl) => {
      await page.goto(`${consoleUrl}/ministry/patrol`);
      // The form as an officer fills it from an ad, the number as the ad gives it; the address mistyped.
      await page.getByTestId('finding-platform').selectOption('tiktok');
      await page.getByTestId('finding-url').fill('tiktok.com/@lokerjohor/video/7301');
      await page.getByTestId('finding-accountHandle').fill('@lokerjohor');
      await page.getByTestId('finding-phone-0').fill('0813-7788-9900');
      await page.getByTestId('finding-destinationCountry').fill('MYS');
      await page.getByTestId('finding-region').selectOption('riau');
      await page
        .getByTestId('finding-summary')
        .fill('Lowongan pabrik di Johor, gaji tinggi, berangkat cepat.');
      await page.getByTestId('finding-submit').click();
      await page.locator('.field-invalid').first().waitFor();
      await page.getByTestId('finding-show').first().click();
      await page.getByTestId('finding-identifiers').first().waitFor();
    },
  },
  {
    name: 'ministry-dispatches',
    unit: 'ministry:desk',
    show: async (page, consoleUrl) => {
      await page.goto(`${consoleUrl}/ministry/dispatches`);
      await page.getByTestId('dispatch').first().waitFor();
      await page.locator('main input[type="checkbox"]').check();
      await page.locator('[data-testid="dispatch"][data-state="reported"]').first().waitFor();
      await page.getByTestId('dispatch-report-open').first().click();
    },
  },
  {
    name: 'ministry-referrals',
    unit: 'ministry:desk',
    show: async (page, consoleUrl) => {
      await page.goto(`${consoleUrl}/ministry/referrals`);
      await page.getByTestId('referrals-checkpoint').selectOption('batam-center');
      await page.getByTestId('referrals-status').selectOption('all');
      await page.getByTestId('referral-recorded').first().waitFor();
    },
  },
  {
    name: 'ministry-case-field-work',
    unit: 'ministry:desk',
    show: async (page, consoleUrl) => {
      await page.goto(`${consoleUrl}/ministry/cases/${fieldWorkCaseId}`);
      await page.getByTestId('case-referrals').locator('tbody tr').first().waitFor();
    },
  },
  {
    name: 'polda-leads',
    unit: 'polda:riau',
    show: async (page, consoleUrl) => {
      await page.goto(`${consoleUrl}/polda/leads`);
      await page.getByTestId('lead').first().waitFor();
    },
  },
  {
    name: 'polda-arrest',
    unit: 'polda:riau',
    show: async (page) => {
      await page.getByTestId('arrest-reportNumber').fill('LP/B/123/XII/2026/SPKT/POLDA RIAU');
      await page.getByTestId('arrest-submit').click();
      await page.locator('.field-invalid').first().waitFor();
    },
  },
];

/**
 * The scenario's team has reported; a second one, sent on the patrol finding's alert and still out,
 * shows the dispatches page with an open dispatch beside the reported one.
 */
async function sendTeamOnThePatrolAlert(ministry: string, token: string): Promise<void> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${ministry}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': crypto.randomUUID(),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status}`);
    return (await response.json()) as { alerts: { alertId: string; kind: string; caseId: string }[] };
  };
  const { alerts } = await call('GET', '/v1/alerts');
  const alert = alerts.find((a) => a.kind === 'patrol_finding');
  if (!alert) throw new Error('the scenario raised no patrol_finding alert');
  fieldWorkCaseId = alert.caseId;
  await call('POST', `/v1/alerts/${alert.alertId}/dispatch`, {
    team: 'Tim Reaksi Cepat KP2MI Kepri',
    officer: 'NIP-198507142010121002',
  });
}

try {
  const target = await startSingle(stops, log);
  const urls = {
    police: target.police,
    ministry: target.ministry,
    immigration: target.sites[0]!.immigration,
  };
  const report = await playScenario(urls, target.tokensFile, log);
  if (report.failures.length) throw new Error(`the scenario failed: ${report.failures.join('; ')}`);
  await sendTeamOnThePatrolAlert(target.ministry, target.tokens['ministry:desk']!);
  const browser = await launchBrowser();
  stops.add(() => browser.close());
  mkdirSync(OUT, { recursive: true });
  for (const language of ['id', 'en'] as const) {
    for (const shot of SHOTS) {
      // The browser's own locale too: date fields then read as the officer writes dates.
      const context = await browser.newContext({
        viewport: { width: 1280, height: 860 },
        locale: language === 'id' ? 'id-ID' : 'en-GB',
      });
      const page = await context.newPage();
      await signIn(page, target.consoleUrl, target.tokens[shot.unit]!, language);
      await shot.show(page, target.consoleUrl);
      const file = join(OUT, `${shot.name}-${language}.png`);
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: file, fullPage: shot.fullPage ?? false });
      log(file);
      await context.close();
    }
  }
} finally {
  await stops.unwind();
}
process.exit(0);
