// `npm run bench:console`: how long an officer waits for a screening decision at the checkpoint
// desk (issue 12): from the click on "screen" to the decision on screen, in Debian's chromium driven
// by playwright-core, over BENCH_SCREENINGS (200) screenings, and in the same run the API's own
// time for the same screenings (POST /v1/screenings from this process, no browser): the baseline.
//
// The system is the single-server run exactly as the launcher starts it (e2e-topologies.ts), the
// console included. A broker at large is recorded by Polda Kepri (a dpo entry); screenings
// alternate between him (deny) and an unrelated traveller (clear), so both paths are measured. The
// first BENCH_WARMUP (10) of each side are not counted. Browser timing is taken in this process
// around Playwright's click and its wait for the new decision (`data-screening-id` changes), so it
// includes Playwright's round trips to the browser (a few ms): an upper bound of what the officer
// sees; the page also times itself, from the click event to the new decision in the DOM (a
// MutationObserver), without those round trips. Prints a table, then one JSON line.
import { waitFor } from '@simpul/bus/testing';
import { launchBrowser, signIn } from '../support/browser.js';
import { startSingle, StopList } from './e2e-topologies.js';
import { clock, percentile } from './raw-baseline.js';

const SCREENINGS = Number(process.env.BENCH_SCREENINGS || 200);
const WARMUP = Number(process.env.BENCH_WARMUP || 10);
const CHECKPOINT = 'batam-center';
const BROKER = {
  fullName: 'Hendra Gunawan Soetanto',
  dateOfBirth: '1974-02-09',
  sex: 'M',
  passportNumber: 'C7788990',
};
const UNRELATED = {
  fullName: 'Ratna Sari Dewi',
  dateOfBirth: '1995-10-30',
  sex: 'F',
  passportNumber: 'E1122334',
};
const travellerOf = (i: number) => (i % 2 === 0 ? BROKER : UNRELATED);

const log = (line: string) => console.error(`bench:console: ${line}`);
const stops = new StopList();

async function post(url: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`${url} answered ${res.status} ${String(json.code)}`);
  return json;
}

const summary = (values: number[]) => {
  const sorted = values.slice(WARMUP).sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1)! };
};

try {
  const target = await startSingle(stops, log);
  const site = target.sites[0]!;
  const checkpointToken = target.tokens[`checkpoint:${CHECKPOINT}`]!;
  await post(`${target.police}/v1/arrests`, target.tokens['polda:kepri']!, {
    reportNumber: 'LP/B/811/XII/2026/SPKT/POLDA KEPRI',
    polda: 'kepri',
    occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    location: { name: 'Pelabuhan Batam Center', regency: 'Kota Batam', province: 'Kepulauan Riau' },
    suspects: [{ person: BROKER, status: 'at_large', role: 'broker' }],
  });
  const screeningBody = (i: number) => ({
    checkpoint: CHECKPOINT,
    traveler: travellerOf(i),
    travel: { destinationCountry: 'MYS', statedPurpose: 'tourism' },
  });
  await waitFor(
    async () =>
      (await post(`${site.immigration}/v1/screenings`, checkpointToken, screeningBody(0))).decision ===
      'deny',
    { timeoutMs: 60_000, intervalMs: 200, description: "the broker's entry at Batam Center" },
  );

  log(`API: ${SCREENINGS + WARMUP} screenings`);
  const api: number[] = [];
  for (let i = 0; i < SCREENINGS + WARMUP; i++) {
    const started = clock();
    const answer = await post(`${site.immigration}/v1/screenings`, checkpointToken, screeningBody(i));
    api.push(clock() - started);
    if (answer.decision !== (i % 2 === 0 ? 'deny' : 'clear'))
      throw new Error(`API screening ${i}: ${String(answer.decision)}`);
  }

  log(`console: ${SCREENINGS + WARMUP} screenings in chromium`);
  const browser = await launchBrowser();
  stops.add(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await signIn(page, target.consoleUrl, checkpointToken, 'id');
  // In the page as well: from the click event to the new decision in the DOM (no Playwright round trip).
  await page.evaluate(`(() => {
    window.__screenTimes = [];
    let started = 0;
    let last = '';
    document.addEventListener('click', (event) => {
      if (event.target.closest('[data-testid="screen-submit"]')) started = performance.now();
    }, true);
    new MutationObserver(() => {
      const decision = document.querySelector('[data-testid="decision"]');
      const id = decision && decision.getAttribute('data-screening-id');
      if (started && id && id !== last) {
        last = id;
        window.__screenTimes.push(performance.now() - started);
        started = 0;
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  const ui: number[] = [];
  let previous = '';
  for (let i = 0; i < SCREENINGS + WARMUP; i++) {
    const traveller = travellerOf(i);
    await page.getByTestId('screen-fullName').fill(traveller.fullName);
    await page.getByTestId('screen-dateOfBirth').fill(traveller.dateOfBirth);
    await page.getByTestId('screen-passportNumber').fill(traveller.passportNumber);
    const started = clock();
    await page.getByTestId('screen-submit').click();
    const decision = page.locator(`[data-testid="decision"]:not([data-screening-id="${previous}"])`);
    await decision.waitFor();
    ui.push(clock() - started);
    previous = (await decision.getAttribute('data-screening-id'))!;
    const shown = await decision.getAttribute('data-decision');
    if (shown !== (i % 2 === 0 ? 'deny' : 'clear')) throw new Error(`console screening ${i}: ${shown}`);
  }

  const inPage = summary(await page.evaluate<number[]>('window.__screenTimes'));
  const console_ = summary(ui);
  const baseline = summary(api);
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  console.log('');
  console.log(`screening at the checkpoint desk, ${console_.n} screenings each (after ${WARMUP} warm-up)`);
  console.log('| path                               | p50      | p99      | max      |');
  console.log('| ---------------------------------- | -------- | -------- | -------- |');
  console.log(
    `| console: click → decision on screen | ${ms(console_.p50)} | ${ms(console_.p99)} | ${ms(console_.max)} |`,
  );
  console.log(
    `| in the page: click event → DOM      | ${ms(inPage.p50)} | ${ms(inPage.p99)} | ${ms(inPage.max)} |`,
  );
  console.log(
    `| API: POST /v1/screenings (baseline) | ${ms(baseline.p50)} | ${ms(baseline.p99)} | ${ms(baseline.max)} |`,
  );
  console.log('');
  console.log(
    JSON.stringify({
      bench: 'console',
      screenings: console_.n,
      console: { p50: console_.p50, p99: console_.p99, max: console_.max },
      inPage: { p50: inPage.p50, p99: inPage.p99, max: inPage.max },
      baseline: { api: { p50: baseline.p50, p99: baseline.p99, max: baseline.max } },
      ratio: { p50: console_.p50 / baseline.p50, p99: console_.p99 / baseline.p99 },
    }),
  );
} finally {
  await stops.unwind();
}
process.exit(0);
