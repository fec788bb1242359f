// `npm run bench:screening`: the screening engine over a synthetic watchlist of 1,000,000 entries,
// with two baselines measured in the same run on the same data and queries (docs/conventions.md §15):
// a PostgreSQL pg_trgm similarity query with its GIN index, and a linear Jaro-Winkler scan over a
// 10,000-entry subset. Prints a table, then one JSON line with the figures.
//
//   SCREENING_BENCH_ENTRIES   entries in the index (default 1000000; e.g. 50000 for a quick try)
//   SCREENING_BENCH_QUERIES   screenings timed (default 20000: half travellers on an entry, half not)
//   SCREENING_BENCH_PG_QUERIES  queries sent to pg_trgm (default 300); 0 skips PostgreSQL
//   SCREENING_BENCH_NO_BIRTH_PERCENT  travellers screened by name and passport only, without date of
//                             birth or NIK (default 0, the workload of earlier figures; 15 is a checkpoint reading foreign passports)
//   TEST_DATABASE_URL         admin connection (default postgres://postgres@127.0.0.1:5432/postgres);
//                             the bench creates its own database `simpul_bench_screening_<pid>` and drops it
//   --entries N, --queries N, --pg-queries N, --no-birth-percent N   the same as flags
//
// Synthetic people only (libs/screening/src/eval): no real person is described, nothing is logged.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import pg from 'pg';
import { WatchlistIndex, type TravelerInput, type WatchlistEntryInput } from '@simpul/screening';
import {
  PeopleGenerator,
  Rng,
  applyVariant,
  recordEntry,
  type SyntheticPerson,
  type VariantKind,
} from '@simpul/screening/testing';

const SEED = 20_251_128;
const NOW = '2025-09-01T00:00:00Z';
const SUBSET = 10_000;

function option(flag: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(flag);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[env];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} / ${env} must be a whole number`);
  return n;
}

const ENTRIES = option('--entries', 'SCREENING_BENCH_ENTRIES', 1_000_000);
const QUERIES = option('--queries', 'SCREENING_BENCH_QUERIES', 20_000);
const PG_QUERIES = option('--pg-queries', 'SCREENING_BENCH_PG_QUERIES', 300);
const NO_BIRTH_PERCENT = option('--no-birth-percent', 'SCREENING_BENCH_NO_BIRTH_PERCENT', 0);
const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Listed {
  ordinal: number;
  entryId: string;
  person: SyntheticPerson;
}

interface Query {
  traveler: TravelerInput;
  /** The entry this traveller is (positives), else undefined. */
  expected?: Listed;
}

/** The watchlist, regenerated identically on each call (so it never has to be held in memory twice). */
function* watchlist(
  count: number,
): Generator<{ ordinal: number; person: SyntheticPerson; entry: WatchlistEntryInput }> {
  const people = new PeopleGenerator(SEED);
  const rng = new Rng(SEED + 1);
  for (let ordinal = 0; ordinal < count; ordinal++) {
    const person = people.next();
    yield { ordinal, person, entry: recordEntry(person, rng, NOW) };
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

const round = (x: number, digits = 3) =>
  Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null;

// ---------------------------------------------------------------------------------------------- engine

function buildIndex(): { index: WatchlistIndex; sample: Listed[]; buildSeconds: number; rssMb: number } {
  const index = new WatchlistIndex();
  const sample: Listed[] = [];
  const every = Math.max(1, Math.floor(ENTRIES / Math.max(1, QUERIES)));
  let busy = 0n;
  for (const { ordinal, person, entry } of watchlist(ENTRIES)) {
    const start = process.hrtime.bigint();
    index.upsert(entry);
    busy += process.hrtime.bigint() - start;
    // travellers on an entry come from the whole list, and some from the pg/JW subset
    if (ordinal % every === 0 || (ordinal < SUBSET && ordinal % 20 === 0))
      sample.push({ ordinal, entryId: entry.entryId, person });
  }
  gc();
  gc();
  return { index, sample, buildSeconds: Number(busy) / 1e9, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

const VARIANTS: VariantKind[] = [
  'old_spelling',
  'muhammad',
  'title',
  'typo',
  'swapped',
  'transliteration',
  'initials',
  'dropped_token',
  'compound',
];

function makeQueries(sample: Listed[]): { timed: Query[]; subset: Query[] } {
  const rng = new Rng(SEED + 2);
  const strangers = new PeopleGenerator(SEED + 3);
  const traveler = (p: SyntheticPerson, fullName: string): TravelerInput => {
    const nameAndPassport = rng.int(100) < NO_BIRTH_PERCENT;
    return {
      fullName,
      ...(nameAndPassport ? {} : { dateOfBirth: p.dateOfBirth }),
      sex: p.sex,
      passportNumber: rng.chance(0.5)
        ? p.passportNumber
        : `${rng.pick(['A', 'B', 'C'])}${String(rng.int(1e8)).padStart(8, '0')}`,
      ...(!nameAndPassport && rng.chance(0.3) ? { nik: p.nik } : {}),
    };
  };
  const positive = (listed: Listed): Query => {
    const kind = rng.chance(0.2) ? undefined : rng.pick(VARIANTS);
    const name =
      (kind && applyVariant(kind, listed.person.fullName, listed.person.sex, rng)) || listed.person.fullName;
    return { traveler: traveler(listed.person, name), expected: listed };
  };
  const negative = (): Query => {
    const p = strangers.next();
    return { traveler: traveler(p, p.fullName) };
  };
  const timed: Query[] = [];
  for (let i = 0; i < QUERIES; i++) timed.push(i % 2 === 0 ? positive(rng.pick(sample)) : negative());
  const inSubset = sample.filter((l) => l.ordinal < Math.min(SUBSET, ENTRIES));
  const subset: Query[] = [];
  for (let i = 0; i < Math.max(PG_QUERIES, 300); i++)
    subset.push(i % 2 === 0 ? positive(rng.pick(inSubset)) : negative());
  return { timed, subset };
}

function timeEngine(index: WatchlistIndex, queries: Query[]) {
  const now = new Date(NOW);
  for (let i = 0; i < Math.min(2000, queries.length); i++) index.screen(queries[i].traveler, { now }); // warm up
  const before = index.workDone();
  const latencies: number[] = [];
  let found = 0;
  let positives = 0;
  let listedNegatives = 0;
  const decisions = { clear: 0, refer: 0, deny: 0 };
  const started = process.hrtime.bigint();
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const result = index.screen(q.traveler, { now });
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    decisions[result.decision]++;
    if (q.expected) {
      positives++;
      if (result.matches.some((m) => m.entryId === q.expected?.entryId)) found++;
    } else if (result.matches.length > 0) {
      listedNegatives++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const after = index.workDone();
  const per = (k: string) => (after[k] - before[k]) / queries.length;
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies[latencies.length - 1],
    mean: latencies.reduce((s, x) => s + x, 0) / latencies.length,
    perSecond: queries.length / seconds,
    recall: found / Math.max(1, positives),
    negativesListed: listedNegatives / Math.max(1, queries.length - positives),
    decisions,
    work: {
      recordsRead: per('recordsRead'),
      boundsChecked: per('boundsChecked'),
      scoredInFull: per('scoredInFull'),
    },
  };
}

function recallOn(index: WatchlistIndex, queries: Query[]): number {
  const now = new Date(NOW);
  const positives = queries.filter((q) => q.expected);
  const found = positives.filter((q) =>
    index.screen(q.traveler, { now }).matches.some((m) => m.entryId === q.expected?.entryId),
  );
  return found.length / Math.max(1, positives.length);
}

// ------------------------------------------------------------------------------ Jaro-Winkler baseline

function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const range = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Uint8Array(a.length);
  const bMatched = new Uint8Array(b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - range); j < Math.min(b.length, i + range + 1); j++) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < a.length; i++) {
    if (!aMatched[i]) continue;
    while (!bMatched[j]) j++;
    if (a[i] !== b[j]) transpositions++;
    j++;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Linear scan: the best Jaro-Winkler of the lower-cased full names (and aliases), listed at 0.9 and above. */
function timeJaroWinkler(queries: Query[]) {
  const names: Array<{ ordinal: number; names: string[] }> = [];
  for (const { ordinal, entry } of watchlist(Math.min(SUBSET, ENTRIES))) {
    names.push({
      ordinal,
      names: [entry.person.fullName, ...(entry.person.aliases ?? [])].map((n) => n.toLowerCase()),
    });
  }
  const latencies: number[] = [];
  let found = 0;
  let positives = 0;
  for (const q of queries) {
    const t0 = process.hrtime.bigint();
    const name = q.traveler.fullName.toLowerCase();
    const hits: number[] = [];
    for (const e of names) if (e.names.some((n) => jaroWinkler(name, n) >= 0.9)) hits.push(e.ordinal);
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (q.expected) {
      positives++;
      if (hits.includes(q.expected.ordinal)) found++;
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    recall: found / Math.max(1, positives),
  };
}

// ----------------------------------------------------------------------------------- pg_trgm baseline

function databaseUrl(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function timePgTrgm(queries: Query[]) {
  const database = `simpul_bench_screening_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database}`);
  await admin.query(`CREATE DATABASE ${database}`);
  const db = new pg.Client({ connectionString: databaseUrl(ADMIN_URL, database) });
  try {
    await db.connect();
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await db.query('CREATE UNLOGGED TABLE entries (id integer PRIMARY KEY, name text NOT NULL)');
    const loadStarted = process.hrtime.bigint();
    const BATCH = 5000;
    let values: unknown[] = [];
    const flush = async () => {
      if (values.length === 0) return;
      const rows = values.length / 2;
      const placeholders = Array.from({ length: rows }, (_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(',');
      await db.query(`INSERT INTO entries (id, name) VALUES ${placeholders}`, values);
      values = [];
    };
    // one row per name (full name and each alias), as the engine indexes them
    let rowId = 0;
    const ordinalOfRow: number[] = [];
    for (const { ordinal, entry } of watchlist(ENTRIES)) {
      for (const name of [entry.person.fullName, ...(entry.person.aliases ?? [])]) {
        values.push(rowId, name.toLowerCase());
        ordinalOfRow.push(ordinal);
        rowId++;
        if (values.length >= BATCH * 2) await flush();
      }
    }
    await flush();
    const loadSeconds = Number(process.hrtime.bigint() - loadStarted) / 1e9;
    const indexStarted = process.hrtime.bigint();
    await db.query('CREATE INDEX entries_name_trgm ON entries USING gin (name gin_trgm_ops)');
    await db.query('ANALYZE entries');
    const indexSeconds = Number(process.hrtime.bigint() - indexStarted) / 1e9;
    const sql = 'SELECT id, similarity(name, $1) AS s FROM entries WHERE name % $1 ORDER BY s DESC LIMIT 10';
    for (const q of queries.slice(0, 20)) await db.query(sql, [q.traveler.fullName.toLowerCase()]); // warm up
    const latencies: number[] = [];
    let found = 0;
    let positives = 0;
    for (const q of queries) {
      const t0 = process.hrtime.bigint();
      const { rows } = await db.query<{ id: number }>(sql, [q.traveler.fullName.toLowerCase()]);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (q.expected) {
        positives++;
        if (rows.some((r) => ordinalOfRow[r.id] === q.expected?.ordinal)) found++;
      }
    }
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      recall: found / Math.max(1, positives),
      loadSeconds,
      indexSeconds,
    };
  } finally {
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database}`);
    await admin.end();
  }
}

// ------------------------------------------------------------------------------------------------ run

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  console.log(
    `screening bench: ${ENTRIES.toLocaleString('en')} entries, ${QUERIES.toLocaleString('en')} screenings (${NO_BIRTH_PERCENT}% without date of birth), Node ${process.version}`,
  );
  const { index, sample, buildSeconds, rssMb } = buildIndex();
  const stats = index.stats();
  const { timed, subset } = makeQueries(sample);
  const engine = timeEngine(index, timed);
  const pgQueries = subset.slice(0, PG_QUERIES);
  const engineRecallOnPgQueries = pgQueries.length > 0 ? recallOn(index, pgQueries) : NaN;
  const jwQueries = subset.slice(0, 300);
  const engineRecallOnJwQueries = recallOn(index, jwQueries);
  const engineOnJwQueries = timeEngine(index, jwQueries);
  const jw = timeJaroWinkler(jwQueries);

  let trgm: Awaited<ReturnType<typeof timePgTrgm>> | undefined;
  let trgmProblem: string | undefined;
  if (PG_QUERIES > 0) {
    // the engine's memory is no longer needed; PostgreSQL gets the machine
    try {
      trgm = await timePgTrgm(pgQueries);
    } catch (error) {
      trgmProblem = `pg_trgm baseline not measured: ${(error as Error).message}`;
    }
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;

  const ms = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '   -' : x.toFixed(3));
  const pct = (x: number | undefined) =>
    x === undefined || !Number.isFinite(x) ? '  -' : `${(x * 100).toFixed(1)}%`;
  const rows: Array<[string, string, string, string, string]> = [
    ['', 'p50 ms', 'p99 ms', 'per s', 'recall'],
    [
      `engine, ${ENTRIES.toLocaleString('en')} entries`,
      ms(engine.p50),
      ms(engine.p99),
      engine.perSecond.toFixed(0),
      pct(engine.recall),
    ],
    [
      `pg_trgm GIN, same ${ENTRIES.toLocaleString('en')}`,
      ms(trgm?.p50),
      ms(trgm?.p99),
      trgm ? (1000 / trgm.p50).toFixed(0) : '-',
      pct(trgm?.recall),
    ],
    ['  engine on the same queries', '', '', '', pct(engineRecallOnPgQueries)],
    [
      `Jaro-Winkler scan, ${Math.min(SUBSET, ENTRIES).toLocaleString('en')}`,
      ms(jw.p50),
      ms(jw.p99),
      (1000 / jw.p50).toFixed(0),
      pct(jw.recall),
    ],
    [
      '  engine on the same queries',
      ms(engineOnJwQueries.p50),
      ms(engineOnJwQueries.p99),
      '',
      pct(engineRecallOnJwQueries),
    ],
  ];
  console.log('');
  for (const r of rows)
    console.log(
      `  ${r[0].padEnd(34)}${r[1].padStart(9)}${r[2].padStart(9)}${r[3].padStart(9)}${r[4].padStart(9)}`,
    );
  console.log('');
  console.log(
    `  index build ${buildSeconds.toFixed(1)} s (upserts only), resident ${rssMb.toFixed(0)} MiB after GC; ${stats.names.toLocaleString('en')} names, ${stats.words.toLocaleString('en')} distinct words`,
  );
  console.log(
    `  screenings: mean ${engine.mean.toFixed(3)} ms, max ${engine.max.toFixed(1)} ms; decisions ${JSON.stringify(engine.decisions)}; travellers on no entry with a match ${pct(engine.negativesListed)}`,
  );
  console.log(
    `  work per screening: ${engine.work.recordsRead.toFixed(0)} records read, ${engine.work.boundsChecked.toFixed(0)} bounds, ${engine.work.scoredInFull.toFixed(1)} scored in full`,
  );
  if (trgm)
    console.log(
      `  PostgreSQL: load ${trgm.loadSeconds.toFixed(1)} s, GIN index ${trgm.indexSeconds.toFixed(1)} s; query: name % $1 ORDER BY similarity DESC LIMIT 10 (threshold 0.3)`,
    );
  if (trgmProblem) console.log(`  ${trgmProblem}`);
  console.log(`  (whole run ${totalSeconds.toFixed(0)} s)`);
  console.log(
    JSON.stringify({
      entries: ENTRIES,
      no_birth_percent: NO_BIRTH_PERCENT,
      queries: QUERIES,
      build_s: round(buildSeconds, 2),
      rss_mb: round(rssMb, 0),
      p50_ms: round(engine.p50),
      p99_ms: round(engine.p99),
      mean_ms: round(engine.mean),
      per_s_one_core: round(engine.perSecond, 0),
      recall: round(engine.recall),
      pg_trgm_p50_ms: trgm ? round(trgm.p50) : null,
      pg_trgm_p99_ms: trgm ? round(trgm.p99) : null,
      pg_trgm_recall: trgm ? round(trgm.recall) : null,
      engine_recall_on_pg_queries: round(engineRecallOnPgQueries),
      speedup_vs_pg_trgm: trgm ? round(trgm.p99 / engine.p99, 1) : null,
      speedup_vs_pg_trgm_p50: trgm ? round(trgm.p50 / engine.p50, 1) : null,
      jw_subset: Math.min(SUBSET, ENTRIES),
      jw_p50_ms: round(jw.p50),
      jw_p99_ms: round(jw.p99),
      jw_recall: round(jw.recall),
      engine_recall_on_jw_queries: round(engineRecallOnJwQueries),
      records_read_per_screening: round(engine.work.recordsRead, 1),
      scored_in_full_per_screening: round(engine.work.scoredInFull, 2),
    }),
  );
}

await main();
