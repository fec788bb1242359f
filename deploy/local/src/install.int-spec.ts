// A launcher's stdout is eval'd by scripts/test.sh, so nothing a package manager prints may reach it.
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const INSTALL_JS = fileURLToPath(new URL('../dist/install.js', import.meta.url));

describe('runToStderr', () => {
  it("sends a command's output to stderr, keeping stdout clean for eval (regression)", () => {
    // apt-get's "Reading package lists... (1 of 2)" on stdout made `eval "$infra"` a syntax error
    const script = `import(${JSON.stringify(INSTALL_JS)}).then((m) => {
      const status = m.runToStderr('sh', ['-c', 'echo "Reading package lists... (1 of 2)"; echo warn >&2; exit 3']);
      process.stdout.write('status=' + status);
    })`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.stdout).toBe('status=3');
    expect(child.stderr).toContain('Reading package lists... (1 of 2)');
    expect(child.stderr).toContain('warn');
  });
});
