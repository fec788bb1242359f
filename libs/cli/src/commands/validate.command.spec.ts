import { afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validFixtures } from '@simpul/contracts/testing';

// Runs the real bin as `npx simpul` would (built by `npm run build`, which `npm test` runs first).
const bin = fileURLToPath(new URL('../../bin/simpul.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'simpul-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function simpul(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { code: result.status, lines: result.stdout.trim().split('\n'), stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('simpul validate', () => {
  it('prints `valid <type>` and exits 0 for a valid event', () => {
    const result = simpul('validate', file('ok.json', validFixtures['police.departure.foiled.v1']));
    expect(result).toMatchObject({ code: 0, lines: ['valid police.departure.foiled.v1'] });
  });

  it('exits 1 with one line per problem, each naming the field path', () => {
    const event = structuredClone(validFixtures['police.arrest.recorded.v1']) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    event.data.suspects[0].person.nik = 3171234567890123; // a number, not a string
    event.data.unexpected = true;
    delete event.source;
    const result = simpul('validate', file('bad.json', event));
    expect(result.code).toBe(1);
    expect(result.lines).toHaveLength(3);
    expect(
      result.lines.some((l) => l.startsWith('data.suspects[0].person.nik:') && l.includes('[type]')),
    ).toBe(true);
    expect(
      result.lines.some((l) => l.startsWith('data.unexpected:') && l.includes('[unknownProperty]')),
    ).toBe(true);
    expect(result.lines.some((l) => l.startsWith('source:') && l.includes('[required]'))).toBe(true);
    // Problems name fields, never their values: the NIK must not be echoed.
    expect(result.lines.join('\n')).not.toContain('3171234567890123');
  });

  it('exits 1 for a file that is not JSON', () => {
    expect(simpul('validate', file('junk.json', '{"specversion": ')).code).toBe(1);
  });

  it('exits 2 when the file cannot be read, or with no file', () => {
    expect(simpul('validate', join(dir, 'missing.json')).code).toBe(2);
    expect(simpul('validate').code).toBe(2);
  });
});
