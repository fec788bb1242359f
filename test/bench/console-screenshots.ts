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
}

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
    name: 'polda-arrest',
    unit: 'polda:riau',
    show: async (page) => {
      await page.getByTestId('arrest-reportNumber').fill('LP/B/123/XII/2026/SPKT/POLDA RIAU');
      await page.getByTestId('arrest-submit').click();
      await page.locator('.field-invalid').first().waitFor();
    },
  },
];

try {
  const target = await startSingle(stops, log);
  const urls = {
    police: target.police,
    ministry: target.ministry,
    immigration: target.sites[0]!.immigration,
  };
  const report = await playScenario(urls, target.tokensFile, log);
  if (report.failures.length) throw new Error(`the scenario failed: ${report.failures.join('; ')}`);
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
      await page.screenshot({ path: file });
      log(file);
      await context.close();
    }
  }
} finally {
  await stops.unwind();
}
process.exit(0);
