import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeError } from '@simpul/bus';
import { readLocalTopology, type LocalTopology } from '@simpul/bus/operator';
import { callControl } from './topology-control.js';

const USAGE = [
  'usage: simpul site link <site> down|up   cut or restore a site’s link to the hub (local national run)',
  '       simpul site status [--json]       each site’s link, watchlist replica lag and events waiting for the hub',
].join('\n');

/**
 * `simpul site`: the sites of a local national run (docs/contract.md §11), from `.simpul/topology.json`.
 * `link` asks the launcher, which owns the link, to cut or restore it; `status` asks each site's
 * immigration service (`GET /v1/watchlist/status` with one of the site's checkpoint tokens), so
 * the command shows exactly what the site's operators see. Exit 0; 1 when a site is unreachable or
 * the launcher refused; 2 on bad usage.
 */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  let local: { topology: LocalTopology; stateDir: string };
  try {
    if (sub !== 'link' && sub !== 'status') throw new UsageError();
    local = readLocalTopology();
  } catch (error) {
    console.error(error instanceof UsageError ? USAGE : `simpul: ${describeError(error).message}`);
    return error instanceof UsageError ? 2 : 1;
  }
  if (sub === 'link') {
    const [site, state] = rest;
    if (!site || (state !== 'up' && state !== 'down') || rest.length !== 2) {
      console.error(USAGE);
      return 2;
    }
    const refused = await callControl(local.topology, `/sites/${encodeURIComponent(site)}/link/${state}`);
    if (refused) {
      console.error(`simpul: ${refused}`);
      return 1;
    }
    console.log(`site ${site}: link ${state}`);
    return 0;
  }
  const json = rest.includes('--json');
  if (rest.some((a) => a !== '--json')) {
    console.error(USAGE);
    return 2;
  }
  const tokens = JSON.parse(readFileSync(join(local.stateDir, 'tokens.json'), 'utf8')) as Record<
    string,
    string
  >;
  const rows = await Promise.all(local.topology.sites.map((site) => siteStatus(site, tokens)));
  if (json) console.log(JSON.stringify(rows));
  else for (const row of rows) console.log(formatRow(row));
  return rows.every((r) => !r.error) ? 0 : 1;
}

class UsageError extends Error {}

export interface SiteStatusRow {
  site: string;
  link: 'up' | 'down';
  entries?: number;
  replicaLagEntries?: number | null;
  replicaLagSeconds?: number | null;
  waitingForHub?: number | null;
  error?: string;
}

async function siteStatus(
  site: LocalTopology['sites'][number],
  tokens: Record<string, string>,
): Promise<SiteStatusRow> {
  const checkpoint = site.checkpoints.find((code) => tokens[`checkpoint:${code}`]);
  const row: SiteStatusRow = { site: site.site, link: site.link };
  if (!checkpoint) return { ...row, error: 'no token for any of its checkpoints' };
  try {
    const response = await fetch(`${site.immigrationUrl}/v1/watchlist/status`, {
      headers: { authorization: `Bearer ${tokens[`checkpoint:${checkpoint}`]}` },
      signal: AbortSignal.timeout(5000),
    });
    if (response.status !== 200) return { ...row, error: `immigration answered ${response.status}` };
    const body = (await response.json()) as {
      entries: number;
      site?: {
        link?: 'up' | 'down';
        replicaLag?: { entries: number | null; seconds: number | null };
        waitingForHub?: number | null;
      };
    };
    return {
      ...row,
      link: body.site?.link ?? site.link,
      entries: body.entries,
      replicaLagEntries: body.site?.replicaLag?.entries ?? null,
      replicaLagSeconds: body.site?.replicaLag?.seconds ?? null,
      waitingForHub: body.site?.waitingForHub ?? null,
    };
  } catch (error) {
    return { ...row, error: `immigration unreachable (${describeError(error).message})` };
  }
}

function formatRow(row: SiteStatusRow): string {
  const known = (value: number | null | undefined, unit = '') =>
    value === null || value === undefined ? '?' : `${value}${unit}`;
  if (row.error) return `${row.site.padEnd(14)} link ${row.link.padEnd(5)} ${row.error}`;
  return [
    row.site.padEnd(14),
    `link ${row.link.padEnd(5)}`,
    `entries ${known(row.entries)}`,
    `replica lag ${known(row.replicaLagEntries)} entries / ${known(row.replicaLagSeconds, ' s')}`,
    `waiting for the hub ${known(row.waitingForHub)}`,
  ].join('  ');
}
