import { afterAll, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  canConnect,
  databaseUrl,
  ensureDatabases,
  startPrivateCluster,
  type PostgresChoice,
} from './postgres.js';

// The launcher's own PostgreSQL, in a state directory of this test's own: started from the
// system's binaries, stopped, and started again with its data kept (what a second demo run does).
const state = mkdtempSync(join(tmpdir(), 'simpul-launcher-test-'));
chmodSync(state, 0o755); // as root, the cluster runs as `postgres`, which must reach its data directory
process.env.SIMPUL_STATE_DIR = state;
const lines: string[] = [];
let current: PostgresChoice | undefined;

afterAll(async () => {
  await current?.process?.stop();
  rmSync(state, { recursive: true, force: true });
});

describe('the launcher-started PostgreSQL', () => {
  it('starts a private cluster, keeps its data across a restart, and reuses a running one', async () => {
    current = await startPrivateCluster((line) => lines.push(line));
    expect(current.process).toBeDefined();
    expect(await canConnect(current.adminUrl)).toBe(true);

    await ensureDatabases(current.adminUrl, ['simpul_launcher_test']);
    const client = new pg.Client({ connectionString: databaseUrl(current.adminUrl, 'simpul_launcher_test') });
    await client.connect();
    await client.query('create table kept (id int primary key)');
    await client.query('insert into kept values (42)');
    await client.end();

    const reused = await startPrivateCluster((line) => lines.push(line));
    expect(reused.process?.pid).toBe(current.process?.pid);
    expect(lines.some((line) => line.startsWith('reusing the PostgreSQL'))).toBe(true);

    await current.process?.stop();
    expect(await canConnect(current.adminUrl)).toBe(false);

    current = await startPrivateCluster((line) => lines.push(line));
    await ensureDatabases(current.adminUrl, ['simpul_launcher_test']); // exists: must not fail or wipe
    const again = new pg.Client({ connectionString: databaseUrl(current.adminUrl, 'simpul_launcher_test') });
    await again.connect();
    const rows = await again.query('select id from kept');
    await again.end();
    expect(rows.rows).toEqual([{ id: 42 }]);
    // initdb and three starts of a cluster: seconds each on a loaded 2-core machine, never Jest's 5 s default.
  }, 120_000);
});
