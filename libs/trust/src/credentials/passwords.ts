import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A generated password kept in `file` (mode 0600, like the nkey seeds beside it): made once and
 * reused, so a server restarted with a regenerated config still lets the same leaf link and system
 * user in. Base64url: safe inside a URL's user-info and a nats-server config string.
 */
export function ensurePassword(file: string): string {
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length > 0) return stored;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}
