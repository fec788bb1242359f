import { describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import {
  chooseLanguage,
  collectConsoleErrors,
  launchBrowser,
  seriousAccessibilityViolations,
  signIn,
  type AxeViolation,
} from './browser.js';

export interface DeskTabs {
  /**
   * A new tab whose console errors are kept for `finish()`. `refusalsExpected`: the test makes the
   * services refuse a request on purpose (the browser logs each 4xx as a failed load).
   */
  newPage(options?: { refusalsExpected?: boolean }): Promise<Page>;
  /** A new tab signed in with the unit's token, in the language given. */
  deskPage(unit: string, language?: 'id' | 'en', options?: { refusalsExpected?: boolean }): Promise<Page>;
  /** One signed-in tab per unit for the page checks, opened in Bahasa Indonesia on first use. */
  tabOf(unit: string): Promise<Page>;
  /** Closes the page checks' tabs; what every tab wrote to the browser console as errors. */
  finish(): Promise<string[]>;
  /** Closes the browser these tabs use (the one given, or the one launched in its place). */
  close(): Promise<void>;
}

/**
 * The console's tabs of one test file (docs/console.md): each in its own browser context with the
 * viewport of the desks' screens, CSP bypassed only so that axe-core can be injected.
 */
export function deskTabs(browser: Browser, consoleUrl: string, tokens: Record<string, string>): DeskTabs {
  const consoleErrors: string[] = [];
  const tabs = new Map<string, Promise<Page>>();
  // Known and not understood (issue 15's closing note): on a loaded CI run the browser has twice
  // been disconnected between its launch and the first test, with no crash in its log. A
  // disconnected browser is launched again, once per disconnection, and the event is written out.
  let current = browser;
  const watch = (b: Browser) =>
    b.on('disconnected', () =>
      console.error(`console tests: chromium disconnected at ${new Date().toISOString()}`),
    );
  watch(current);
  const live = async (): Promise<Browser> => {
    if (!current.isConnected()) {
      current = await launchBrowser();
      watch(current);
    }
    return current;
  };
  const newPage: DeskTabs['newPage'] = async (options = {}) => {
    const context = await (
      await live()
    ).newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    page.on('close', () => {
      consoleErrors.push(
        ...errors.filter((e) => !(options.refusalsExpected && e.startsWith('Failed to load resource'))),
      );
      void context.close();
    });
    return page;
  };
  const deskPage: DeskTabs['deskPage'] = async (unit, language = 'id', options = {}) => {
    const page = await newPage(options);
    await signIn(page, consoleUrl, tokens[unit]!, language);
    return page;
  };
  return {
    newPage,
    deskPage,
    tabOf(unit) {
      if (!tabs.has(unit)) tabs.set(unit, deskPage(unit, 'id'));
      return tabs.get(unit)!;
    },
    async finish() {
      for (const tab of tabs.values()) await (await tab).close();
      return consoleErrors;
    },
    async close() {
      await current.close();
    },
  };
}

/** What a page check found wrong with the page shown, in one language. */
export interface PageProblems {
  lang: string;
  untranslated: string[];
  /** Text that reads like a catalogue key (`nav.alerts`, `dispatches.due_open`): shown as itself. */
  rawKeys: string[];
  violations: AxeViolation[];
}

/**
 * Switches the page to `language` with the console's own button, waits for `ready`, and reports
 * untranslated keys (the console writes each to the browser console, kept in `errors`), raw keys
 * in the page's text and serious axe violations. A clean page gives
 * `{ lang: language, untranslated: [], rawKeys: [], violations: [] }`.
 */
export async function pageProblems(
  page: Page,
  language: 'id' | 'en',
  ready: string,
  errors: string[],
): Promise<PageProblems> {
  await chooseLanguage(page, language);
  await page.locator(ready).first().waitFor();
  const text = await page.locator('main').innerText();
  return {
    lang: await page.evaluate<string>('document.documentElement.lang'),
    untranslated: errors.filter((e) => e.includes('untranslated')),
    rawKeys: text.match(/\b[a-z]+\.[a-z]+[A-Z_][A-Za-z_]*\b/g) ?? [],
    violations: await seriousAccessibilityViolations(page),
  };
}

/** A page of a desk for the page checks, what brings it to the state checked, and what shows it is loaded. */
export interface PageCheck {
  name: string;
  unit: string;
  path: () => string;
  prepare?: (page: Page) => Promise<void>;
  ready: string;
}

/**
 * The page checks of a test file, last in it: each page in the unit's one tab, in Bahasa Indonesia
 * and in English, translated and accessible; then no error in any tab's browser console.
 * `context` is read when the checks run (the system starts in the file's beforeAll).
 */
export function describePageChecks(
  title: string,
  pages: PageCheck[],
  context: () => { desks: DeskTabs; consoleUrl: string },
): void {
  describe(title, () => {
    it.each(pages.map((p) => [p.name, p] as const))(
      '%s in Bahasa Indonesia and in English: translated, accessible',
      async (_name, target) => {
        const { desks, consoleUrl } = context();
        const page = await desks.tabOf(target.unit);
        const errors = collectConsoleErrors(page);
        await page.goto(`${consoleUrl}${target.path()}`);
        await target.prepare?.(page);
        for (const lang of ['id', 'en'] as const) {
          const clean = { lang, untranslated: [], rawKeys: [], violations: [] };
          expect(await pageProblems(page, lang, target.ready, errors)).toEqual(clean);
        }
      },
    );
  });

  describe(`after ${title}`, () => {
    it('no error was written to the browser console', async () => {
      expect(await context().desks.finish()).toEqual([]);
    });
  });
}
