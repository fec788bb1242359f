import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * Debian's chromium driven by playwright-core (never a downloaded browser): CHROMIUM_BIN from
 * scripts/test.sh (deploy/local/src/chromium.ts installs it when missing), else /usr/bin/chromium.
 * The flags keep it off the network it may not reach (background updates, sync, QUIC).
 */
export function launchBrowser(): Promise<Browser> {
  // Playwright closes every browser on SIGHUP by default. A reload signal sent to a stale pid file's
  // pid once reached a test process that had taken the pid (fixed in libs/trust reload.ts), and the
  // whole console suite failed with "browser has been closed"; a test process ignores SIGHUP.
  if (process.listenerCount('SIGHUP') === 0) process.on('SIGHUP', () => undefined);
  return chromium.launch({
    handleSIGHUP: false,
    executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What the page wrote to the browser's console as errors (untranslated keys among them), and uncaught exceptions. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2.1 A/AA violations of the serious and critical kind on the page as it stands. */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axeSource });
  // Evaluated in the page (a string: the test's TypeScript program has no DOM types).
  const violations = await page.evaluate<AxeViolation[]>(`
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((result) => result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })),
      })))`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Signs in at the console with a unit's token and an officer id, in the language given. */
export async function signIn(
  page: Page,
  consoleUrl: string,
  token: string,
  language: 'id' | 'en',
): Promise<void> {
  await page.goto(`${consoleUrl}/`);
  await chooseLanguage(page, language);
  await page.getByLabel('Token').fill(token);
  await page.getByTestId('sign-in-officer').fill('198705122010011001');
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('signed-in-unit').waitFor();
}

/** Switches the console to `language` with its toggle (the button names the other language). */
export async function chooseLanguage(page: Page, language: 'id' | 'en'): Promise<void> {
  const current = await page.evaluate<string>('document.documentElement.lang');
  if (current === language) return;
  await page.getByRole('button', { name: language === 'en' ? 'English' : 'Bahasa Indonesia' }).click();
  await page.waitForFunction(`document.documentElement.lang === '${language}'`);
}
