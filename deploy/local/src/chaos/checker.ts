import pg from 'pg';
import type { CommittedEvent } from './workload.js';

/** One event a producer committed: its ledger row (published) or its outbox row (not yet). */
interface Produced {
  producer: string;
  eventId: string;
  type: string;
  /** `origin.unit` of a screening match (whose Polda sees it), from the signed body. */
  originUnit?: string;
  /** `screeningId` of a screening match. */
  screeningId?: string;
}

/** What the checker found; `details` names event ids only (ids are not personal data). */
export interface CheckReport {
  /** Events committed by the producers (ledger plus outbox). */
  produced: number;
  /** Of them still in an outbox (not acknowledged by a stream). */
  pending: number;
  /** Expected applications (consumer, event) or effects missing, and 201s missing from their producer. */
  lost: number;
  /** Effects applied more than once for one event. */
  duplicated: number;
  /** Inbox rows and effects with no committed origin. */
  unexpected: number;
  /** Every site's active replica entries equal the ministry's active entries. */
  replicasEqual: boolean;
  /** Active entries at the ministry, and at each site. */
  activeEntries: { ministry: number; sites: Record<string, number> };
  details: string[];
}

type Query = (sql: string, params?: unknown[]) => Promise<Array<Record<string, unknown>>>;

async function withDatabases<T>(
  urls: Record<string, string>,
  work: (q: Record<string, Query>) => Promise<T>,
): Promise<T> {
  const clients: Record<string, pg.Client> = {};
  try {
    for (const [name, url] of Object.entries(urls)) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
      await client.connect();
      clients[name] = client;
    }
    const queries = Object.fromEntries(
      Object.entries(clients).map(([name, client]) => [
        name,
        (async (sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows) as Query,
      ]),
    );
    return await work(queries);
  } finally {
    await Promise.all(Object.values(clients).map((c) => c.end().catch(() => undefined)));
  }
}

/** Number of rows still in each producer's outbox (the settle phase waits for all of them to be 0). */
export async function pendingOutboxes(urls: Record<string, string>): Promise<Record<string, number>> {
  return withDatabases(urls, async (db) => {
    const counts: Record<string, number> = {};
    for (const [name, q] of Object.entries(db)) {
      counts[name] = Number((await q(`SELECT count(*)::int AS n FROM bus_outbox`))[0]!.n);
    }
    return counts;
  });
}

/** The consumers reading each kind of event, by the process whose database applies it. */
function expectedConsumers(event: Produced, sites: string[]): Array<{ db: string; consumer: string }> {
  const out: Array<{ db: string; consumer: string }> = [];
  if (event.type.startsWith('police.')) out.push({ db: 'ministry', consumer: 'ministry-police' });
  if (event.type.startsWith('immigration.')) out.push({ db: 'ministry', consumer: 'ministry-immigration' });
  if (event.type === 'immigration.screening.matched.v1')
    out.push({ db: 'police', consumer: 'police-gateway-matches' });
  for (const site of sites) {
    const db = `immigration-${site}`;
    if (event.type.startsWith('ministry.watchlist.'))
      out.push({ db, consumer: `immigration-${site}-watchlist` });
    if (event.type === 'immigration.departure.delayed.v1')
      out.push({ db, consumer: `immigration-${site}-delays` });
  }
  return out;
}

/**
 * Compares, per event id, what every producer committed (bus_ledger and bus_outbox of police,
 * ministry and each immigration site) with what every consumer applied (bus_inbox) and its effects
 * in the consumers' databases: ministry alerts and prevented departures, police matches, each
 * site's delays and watchlist replica. `workload` adds the 201s the workload was given: an event
 * answered 201 and missing from its producer is lost.
 */
export async function checkDelivery(
  urls: Record<string, string>,
  sites: string[],
  workload: CommittedEvent[],
): Promise<CheckReport> {
  return withDatabases(urls, async (db) => {
    const details: string[] = [];
    let lost = 0;
    let duplicated = 0;
    let unexpected = 0;
    const note = (line: string) => {
      if (details.length < 40) details.push(line);
    };

    const produced = new Map<string, Produced>();
    let pending = 0;
    for (const [producer, q] of Object.entries(db)) {
      const rows = await q(
        `SELECT event_id::text AS id, event_type AS type, body, false AS pending FROM bus_ledger
         UNION ALL
         SELECT event_id::text, event_type, body, true FROM bus_outbox`,
      );
      for (const row of rows) {
        const id = String(row.id);
        if (row.pending) pending += 1;
        if (produced.has(id)) continue; // a row republished keeps its event id: one event
        const event: Produced = { producer, eventId: id, type: String(row.type) };
        if (event.type === 'immigration.screening.matched.v1') {
          const data = (
            JSON.parse(String(row.body)) as { data: { origin?: { unit: string }; screeningId: string } }
          ).data;
          event.originUnit = data.origin?.unit;
          event.screeningId = data.screeningId;
        }
        produced.set(id, event);
      }
    }

    for (const answered of workload) {
      const event = produced.get(answered.eventId);
      if (!event || event.producer !== answered.producer) {
        lost += 1;
        note(
          `lost: ${answered.type} ${answered.eventId} answered 201 by ${answered.producer}, not in its ledger`,
        );
      }
    }

    // Applications: one inbox row per (consumer, event) expected; none without a committed origin.
    const inbox = new Map<string, Set<string>>();
    for (const [name, q] of Object.entries(db)) {
      for (const row of await q(`SELECT consumer, event_id::text AS id FROM bus_inbox`)) {
        const key = `${name}/${String(row.consumer)}`;
        if (!inbox.has(key)) inbox.set(key, new Set());
        inbox.get(key)!.add(String(row.id));
        if (!produced.has(String(row.id))) {
          unexpected += 1;
          note(`unexpected: ${key} applied ${String(row.id)}, which no producer committed`);
        }
      }
    }
    for (const event of produced.values()) {
      for (const { db: name, consumer } of expectedConsumers(event, sites)) {
        if (!inbox.get(`${name}/${consumer}`)?.has(event.eventId)) {
          lost += 1;
          note(`lost: ${consumer} never applied ${event.type} ${event.eventId}`);
        }
      }
    }

    // Effects, counted per event: exactly once where expected, never without an origin.
    const counted = async (
      what: string,
      rows: Array<Record<string, unknown>>,
      expected: (event: Produced) => boolean,
    ) => {
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(String(row.id), (counts.get(String(row.id)) ?? 0) + 1);
      for (const [id, n] of counts) {
        if (!produced.has(id)) {
          unexpected += n;
          note(`unexpected: ${what} for ${id}, which no producer committed`);
        } else if (n > 1) {
          duplicated += n - 1;
          note(`duplicated: ${what} ${n} times for ${id}`);
        }
      }
      for (const event of produced.values()) {
        if (expected(event) && !counts.has(event.eventId)) {
          lost += 1;
          note(`lost: no ${what} for ${event.type} ${event.eventId}`);
        }
      }
    };
    const ministry = db.ministry!;
    const isType =
      (...types: string[]) =>
      (e: Produced) =>
        types.includes(e.type);
    await counted(
      'ministry alert',
      await ministry(`SELECT unnest(source_event_ids) AS id FROM ministry_alert`),
      // A match alert is per screening (several entries matched, one alert): checked below.
      isType('police.arrest.recorded.v1', 'police.departure.foiled.v1', 'immigration.departure.delayed.v1'),
    );
    const alerted = new Set(
      (
        await ministry(
          `SELECT unnest(source_event_ids) AS id FROM ministry_alert WHERE kind = 'watchlist_match'`,
        )
      ).map((r) => String(r.id)),
    );
    const screeningsAlerted = new Set(
      [...produced.values()].filter((e) => alerted.has(e.eventId)).map((e) => e.screeningId),
    );
    for (const event of produced.values()) {
      if (event.type === 'immigration.screening.matched.v1' && !screeningsAlerted.has(event.screeningId)) {
        lost += 1;
        screeningsAlerted.add(event.screeningId); // once per screening
        note(`lost: no match alert for screening ${event.screeningId}`);
      }
    }
    await counted(
      'prevented departure',
      await ministry(`SELECT event_id::text AS id FROM ministry_prevented_departure`),
      isType('police.departure.foiled.v1', 'immigration.departure.delayed.v1'),
    );
    await counted(
      'police match',
      await db.police!(`SELECT event_id::text AS id FROM matches`),
      (e) => e.type === 'immigration.screening.matched.v1' && (e.originUnit ?? '').startsWith('polda:'),
    );
    for (const site of sites) {
      await counted(
        `delay at ${site}`,
        await db[`immigration-${site}`]!(`SELECT event_id::text AS id FROM delays`),
        isType('immigration.departure.delayed.v1'),
      );
    }

    // Replicas: every site's active entries (id and version) equal the ministry's.
    const entrySet = (rows: Array<Record<string, unknown>>) =>
      new Set(rows.map((r) => `${String(r.id)}@${String(r.version)}`));
    const active = entrySet(
      await ministry(
        `SELECT id::text AS id, version FROM ministry_watchlist_entry WHERE status = 'active' AND valid_until_at > now()`,
      ),
    );
    let replicasEqual = true;
    const siteCounts: Record<string, number> = {};
    for (const site of sites) {
      const replica = entrySet(
        await db[`immigration-${site}`]!(
          `SELECT entry_id::text AS id, version FROM watchlist_replica
            WHERE revoked_at IS NULL AND (valid_until IS NULL OR valid_until > now())`,
        ),
      );
      siteCounts[site] = replica.size;
      const missing = [...active].filter((e) => !replica.has(e));
      const extra = [...replica].filter((e) => !active.has(e));
      if (missing.length > 0 || extra.length > 0) {
        replicasEqual = false;
        note(
          `replica ${site}: ${missing.length} active entries missing, ${extra.length} not active at the ministry`,
        );
      }
      unexpected += extra.filter((e) => !active.has(e)).length;
    }
    return {
      produced: produced.size,
      pending,
      lost,
      duplicated,
      unexpected,
      replicasEqual,
      activeEntries: { ministry: active.size, sites: siteCounts },
      details,
    };
  });
}
