import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { statePath } from './paths.js';

/**
 * The API tokens of a local run: `.simpul/tokens.json` = `{ "<unit id>": "<bearer token>" }` for the
 * people and scripts calling the APIs (DESIGN.md §10), and `.simpul/token-hashes.json` = hash → unit
 * id for the services, which never hold a token itself. Existing tokens are kept, so a second run
 * reuses the first one's; units missing from the file get new ones.
 */
export function ensureLocalTokens(unitIds: string[]): { tokensFile: string; hashesFile: string } {
  const tokensFile = statePath('tokens.json');
  const hashesFile = statePath('token-hashes.json');
  const tokens: Record<string, string> = existsSync(tokensFile)
    ? (JSON.parse(readFileSync(tokensFile, 'utf8')) as Record<string, string>)
    : {};
  for (const id of unitIds) tokens[id] ??= randomBytes(32).toString('base64url');
  const hashes = Object.fromEntries(
    Object.entries(tokens).map(([id, token]) => [
      createHash('sha256').update(token, 'utf8').digest('hex'),
      id,
    ]),
  );
  writeFileSync(tokensFile, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(hashesFile, `${JSON.stringify(hashes, null, 2)}\n`);
  return { tokensFile, hashesFile };
}
