import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validFixtures } from '@simpul/contracts/testing';

// Runs the real bin as `npx simpul screen` would (built by `npm run build`, which `npm test` runs first).
const bin = fileURLToPath(new URL('../../bin/simpul.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'simpul-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = validFixtures['ministry.watchlist.entry.issued.v1'].data;

function jsonl(name: string, lines: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n',
  );
  return path;
}

describe('simpul screen', () => {
  it('answers exactly one line per traveller, in input order, even for a malformed line', () => {
    const watchlist = jsonl('watchlist.jsonl', [entry]);
    const travelers = jsonl('travelers.jsonl', [
      { travelerId: 't-1', fullName: 'Someone Else Entirely', dateOfBirth: '1990-01-01', sex: 'F' },
      { travelerId: 't-2', ...entry.person },
      '{"travelerId": "t-3", "fullName": ',
      { travelerId: 't-4', fullName: 'Another Unrelated Person' },
    ]);
    const at = entry.validFrom;
    const result = spawnSync(
      process.execPath,
      [bin, 'screen', '--watchlist', watchlist, '--travelers', travelers, '--now', at],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.travelerId ?? null)).toEqual(['t-1', 't-2', null, 't-4']);
    expect(lines[0].decision).toBe('clear');
    expect(lines[1].decision).not.toBe('clear');
    expect(lines[1].matches[0].entryId).toBe(entry.entryId);
    // The stored person never appears in an error or on stderr.
    expect(result.stderr).not.toContain(entry.person.fullName);
  });

  it('exits 2 when a file cannot be read', () => {
    const result = spawnSync(
      process.execPath,
      [bin, 'screen', '--watchlist', join(dir, 'nope'), '--travelers', join(dir, 'nope')],
      {
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(2);
  });
});
