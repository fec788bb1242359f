// Regression (CI of 2026-12-02): a national stack picked twenty-odd ports before starting anything,
// the OS handed a just-closed port out twice, and another service answered on the ministry's port.
// The same between processes once `npm test` ran its tiers side by side.
import { afterAll, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, takeFreePort } from './ports.js';

const dir = mkdtempSync(join(tmpdir(), 'simpul-ports-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The OS's pick, as a stub: these ports in turn. */
const picks = (...ports: number[]) => {
  let i = 0;
  return async () => ports[i++]!;
};

it('never hands out the same port twice in one process, even when the OS would', async () => {
  const ports: number[] = [];
  for (let i = 0; i < 300; i++) ports.push(await freePort());
  expect(new Set(ports).size).toBe(ports.length);
  expect(ports.every((p) => p > 0 && p < 65536)).toBe(true);
});

it('never hands out a port another live process was given, even when the OS would', async () => {
  // A live process of its own holds 61001 (what another Jest process's reservation looks like).
  const other = spawn('sleep', ['30']);
  try {
    writeFileSync(join(dir, '61001'), String(other.pid));
    expect(await takeFreePort(picks(61001, 61002), dir)).toBe(61002);
    expect(readFileSync(join(dir, '61002'), 'utf8')).toBe(String(process.pid));
  } finally {
    other.kill('SIGKILL');
  }
});

it('takes a port again once the process it was given to has ended', async () => {
  const ended = spawnSync('true').pid;
  writeFileSync(join(dir, '61003'), String(ended));
  expect(await takeFreePort(picks(61003), dir)).toBe(61003);
  expect(readFileSync(join(dir, '61003'), 'utf8')).toBe(String(process.pid));
});
