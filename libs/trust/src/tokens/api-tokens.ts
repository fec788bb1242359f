import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ApiTokenFiles {
  /** `{ "<unit id>": "<bearer token>" }`: for the people and scripts calling the APIs (0600). */
  tokensFile: string;
  /** `{ "<sha256 hex>": "<unit id>" }`: what the services read; they never hold a token. */
  hashesFile: string;
}

/**
 * The API tokens of the active units (docs/contract.md §10): `<dir>/tokens.json` and
 * `<dir>/token-hashes.json`. Existing tokens are kept, so a second run reuses the first one's;
 * units missing get new ones; units no longer listed (revoked) lose theirs, and the services,
 * which follow the hashes file, stop accepting it.
 */
export function ensureApiTokens(dir: string, unitIds: readonly string[]): ApiTokenFiles {
  const tokensFile = join(dir, 'tokens.json');
  const hashesFile = join(dir, 'token-hashes.json');
  const existing: Record<string, string> = existsSync(tokensFile)
    ? (JSON.parse(readFileSync(tokensFile, 'utf8')) as Record<string, string>)
    : {};
  const tokens: Record<string, string> = {};
  for (const id of unitIds) tokens[id] = existing[id] ?? randomBytes(32).toString('base64url');
  const hashes = Object.fromEntries(
    Object.entries(tokens).map(([id, token]) => [
      createHash('sha256').update(token, 'utf8').digest('hex'),
      id,
    ]),
  );
  writeAtomically(tokensFile, `${JSON.stringify(tokens, null, 2)}\n`, 0o600);
  writeAtomically(hashesFile, `${JSON.stringify(hashes, null, 2)}\n`, 0o644);
  return { tokensFile, hashesFile };
}

function writeAtomically(file: string, text: string, mode: number): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, file);
}
