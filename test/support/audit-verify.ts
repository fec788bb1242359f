import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Json } from './api-client.js';

const SIMPUL_BIN = fileURLToPath(new URL('../../libs/cli/bin/simpul.js', import.meta.url));

/**
 * `simpul audit verify --json` on one service database, as an operator runs it: `{ intact,
 * records, head, problems }`. Throws when the command cannot read the chain at all (exit 2).
 */
export function verifyAuditOf(databaseUrl: string): Json {
  const result = spawnSync(
    process.execPath,
    [SIMPUL_BIN, 'audit', 'verify', '--database-url', databaseUrl, '--json'],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`simpul audit verify exited ${result.status}: ${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as Json;
}
