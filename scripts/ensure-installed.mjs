// Installs the project's packages when they are missing or older than package-lock.json, so the
// README's two commands (`npm run demo`, `npm test`) work on a fresh clone without a separate
// install step. `npm ci` also builds (the `prepare` script). Exits non-zero when npm fails.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lock = join(root, 'package-lock.json');
// npm writes this file at the end of every install: its age is the age of node_modules.
const installed = join(root, 'node_modules', '.package-lock.json');

if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error(
    existsSync(installed)
      ? 'simpul: package-lock.json is newer than node_modules: running npm ci'
      : 'simpul: node_modules is missing: running npm ci',
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('simpul: npm ci failed: install Node.js 20.19 or newer with npm, then run this again');
    process.exit(result.status ?? 1);
  }
}
