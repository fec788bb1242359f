import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { aptInstall, LauncherError, mayInstallPackages } from './install.js';
import { adopt, runningPid, type ManagedProcess } from './managed-process.js';
import { statePath } from './paths.js';
import { freePort } from '@simpul/bus/testing';
import { isListening } from './ports.js';

export interface PostgresChoice {
  /** A superuser connection to the server's `postgres` database, used to create databases. */
  adminUrl: string;
  /** Set when the launcher runs this server (now or from an earlier run): stop it on exit. */
  process?: ManagedProcess;
}

/** PostgreSQL's usual port; SIMPUL_POSTGRES_PORT moves it (e.g. to a free port, to try a machine without one). */
const DEFAULT_PORT = Number(process.env.SIMPUL_POSTGRES_PORT || 5432);
const SYSTEM_URL = `postgres://postgres@127.0.0.1:${DEFAULT_PORT}/postgres`;

/** True when `url` accepts a connection and a query within 2 s. */
export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PostgreSQL for a local run or the tests (docs/contract.md §8): `adminUrl` when given; else a server
 * accepting `postgres` without a password on 127.0.0.1:5432 (SIMPUL_POSTGRES_PORT); else a private cluster under
 * `.simpul/postgres` (trust auth, 127.0.0.1 only) from the system's binaries, installing Debian's
 * `postgresql` package first when none are there and that is permitted.
 */
export async function ensurePostgres(
  log: (line: string) => void,
  adminUrl?: string,
): Promise<PostgresChoice> {
  if (adminUrl) return { adminUrl };
  if (await canConnect(SYSTEM_URL)) return { adminUrl: SYSTEM_URL };
  return startPrivateCluster(log);
}

export async function startPrivateCluster(log: (line: string) => void): Promise<PostgresChoice> {
  const dir = statePath('postgres');
  const data = `${dir}/data`;
  const portFile = `${dir}/port`;
  mkdirSync(dir, { recursive: true });

  const pidFile = `${data}/postmaster.pid`;
  const running = runningPid(pidFile);
  const recordedPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8').trim()) : 0;
  if (running && recordedPort) {
    const url = `postgres://postgres@127.0.0.1:${recordedPort}/postgres`;
    if (await canConnect(url)) {
      log(`reusing the PostgreSQL started earlier (pid ${running}) on port ${recordedPort}`);
      return { adminUrl: url, process: adopt('postgres', running, { stopSignal: 'SIGINT' }) };
    }
  }

  const bin = postgresBinaries();
  // PostgreSQL refuses to run as root: as root, the private cluster belongs to the `postgres` user.
  const asUser = process.getuid?.() === 0 ? ensureSystemUser('postgres') : undefined;
  const run = (command: string, args: string[]) =>
    spawnSync(asUser ? 'runuser' : command, asUser ? ['-u', asUser, '--', command, ...args] : args, {
      encoding: 'utf8',
    });
  if (asUser) chownDir(dir, asUser);

  if (!existsSync(`${data}/PG_VERSION`)) {
    const init = run(`${bin}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8']);
    if (init.status !== 0)
      throw new LauncherError(`initdb failed (see ${dir}): ${init.stderr.split('\n')[0]}`);
  }
  const port =
    recordedPort && !(await isListening(recordedPort))
      ? recordedPort
      : (await isListening(DEFAULT_PORT))
        ? await freePort()
        : DEFAULT_PORT;
  writeFileSync(portFile, `${port}\n`);
  const start = run(`${bin}/pg_ctl`, [
    '-D',
    data,
    '-l',
    `${dir}/server.log`,
    '-w',
    '-t',
    '60',
    '-o',
    `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`,
    'start',
  ]);
  if (start.status !== 0) throw new LauncherError(`PostgreSQL did not start: see ${dir}/server.log`);
  const pid = runningPid(pidFile);
  if (!pid) throw new LauncherError(`PostgreSQL did not start: see ${dir}/server.log`);
  log(`started PostgreSQL on port ${port} (data in ${data})`);
  // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect.
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    process: adopt('postgres', pid, { stopSignal: 'SIGINT' }),
  };
}

/** The newest `/usr/lib/postgresql/<version>/bin`, installing Debian's package when permitted. */
function postgresBinaries(): string {
  const find = () => {
    const root = '/usr/lib/postgresql';
    if (!existsSync(root)) return undefined;
    const versions = readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/initdb`));
    versions.sort((a, b) => Number(a) - Number(b));
    return versions.length ? `${root}/${versions[versions.length - 1]}/bin` : undefined;
  };
  const found = find();
  if (found) return found;
  if (!mayInstallPackages()) {
    throw new LauncherError(
      'PostgreSQL is missing: install it (Debian/Ubuntu: sudo apt-get install postgresql) or set the *_DATABASE_URL variables, and run again.',
    );
  }
  aptInstall(['postgresql'], 'no PostgreSQL server reachable and no binaries on this machine');
  const installed = find();
  if (!installed)
    throw new LauncherError('PostgreSQL could not be installed: install it with apt-get and run again.');
  return installed;
}

function ensureSystemUser(name: string): string {
  if (spawnSync('id', [name]).status !== 0) {
    const created = spawnSync('useradd', [
      '--system',
      '--home-dir',
      '/nonexistent',
      '--shell',
      '/usr/sbin/nologin',
      name,
    ]);
    if (created.status !== 0)
      throw new LauncherError(`cannot create the '${name}' system user PostgreSQL needs to run as`);
  }
  return name;
}

function chownDir(dir: string, user: string): void {
  const uid = Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
  chownSync(dir, uid, gid);
}

/** Creates each database that does not exist yet; existing ones keep their data. */
export async function ensureDatabases(adminUrl: string, names: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new LauncherError(`invalid database name '${name}'`);
      const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (exists.rowCount === 0) await client.query(`create database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/** `adminUrl` with its database replaced by `database`. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
