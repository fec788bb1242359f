import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BusError, BusErrorCode } from '../errors.js';
import { localStateFile } from '../config/nats-config.js';

/**
 * `.simpul/topology.json`: what a local run of the national shape started (docs/contract.md §11),
 * written by the launcher and read by `simpul site` / `simpul hub` and the fault suite. The fields
 * of the contract come first; `control`, `config` and `linkPorts` are this project's additions so the
 * commands can reach the launcher that owns the processes.
 */
export interface LocalTopology {
  topology: 'national';
  ca: string;
  hub: Array<{ name: string; pid: number; url: string; monitorUrl: string }>;
  sites: Array<{
    site: string;
    checkpoints: string[];
    /** The site's leaf node; absent for a site whose checkpoints connect to the hub (`leaf: false`). */
    leaf?: { pid: number; url: string; monitorUrl: string };
    immigrationUrl: string;
    /** State of the site's link to the hub (always `up` for a site without a leaf). */
    link: 'up' | 'down';
  }>;
  services: { police: string; ministry: string };
  /** The launcher's control endpoint (127.0.0.1 only): link cuts and hub node restarts go through it. */
  control: string;
}

export const TOPOLOGY_FILE = 'topology.json';

/** Writes the file atomically (a reader never sees half of it). */
export function writeLocalTopology(stateDir: string, topology: LocalTopology): void {
  const file = join(stateDir, TOPOLOGY_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(topology, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/**
 * The topology of the local national run: `SIMPUL_STATE_DIR/topology.json`, else `.simpul/topology.json`
 * found from `cwd` upwards. Fails with one sentence when no national run wrote one.
 */
export function readLocalTopology(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): { topology: LocalTopology; stateDir: string } {
  const file = localStateFile(env, cwd, TOPOLOGY_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file ?? '', 'utf8'));
  } catch {
    throw new BusError(
      BusErrorCode.CONFIG_INVALID,
      'no local national topology is running: start it with `npm run start:all -- --topology national`',
    );
  }
  const t = parsed as Partial<LocalTopology>;
  if (t.topology !== 'national' || !Array.isArray(t.hub) || !Array.isArray(t.sites) || !t.control) {
    throw new BusError(BusErrorCode.CONFIG_INVALID, `${file}: not a national topology file`);
  }
  return { topology: t as LocalTopology, stateDir: dirname(file!) };
}
