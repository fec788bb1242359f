// A pid file outlives its nats-server, and its pid is soon another process's: the reload signal must
// never reach that process (it closed a test's browser through Playwright's SIGHUP handler).
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processRuns, reloadNatsServer } from './reload.js';

let child: ChildProcess | undefined;
const dir = mkdtempSync(join(tmpdir(), 'simpul-reload-'));

afterEach(() => {
  child?.kill('SIGKILL');
  child = undefined;
});

describe('reloadNatsServer', () => {
  it('does not signal a live process that is not a nats-server (regression: a reused pid)', async () => {
    // `sleep` dies of a SIGHUP: if it got one, it would be gone
    child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pidFile = join(dir, 'nats-server.pid');
    writeFileSync(pidFile, `${child.pid}\n`);
    expect(processRuns(child.pid!, 'nats-server')).toBe(false);
    expect(processRuns(child.pid!, 'sleep')).toBe(true);
    expect(reloadNatsServer(pidFile)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
  });

  it('answers false for a missing pid file or a pid no process has', () => {
    expect(reloadNatsServer(join(dir, 'absent.pid'))).toBe(false);
    const stale = join(dir, 'stale.pid');
    writeFileSync(stale, '999999\n');
    expect(reloadNatsServer(stale)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
