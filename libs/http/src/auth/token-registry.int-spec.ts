import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashToken, TokenRegistry } from './token-registry.js';

const dirs: string[] = [];
afterEach(() => {
  jest.useRealTimers();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tokenFile(entries: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-tokens-'));
  dirs.push(dir);
  const file = join(dir, 'token-hashes.json');
  writeFileSync(file, JSON.stringify(entries));
  return file;
}

describe('TokenRegistry.fromFile', () => {
  it('follows its file: a revoked token is refused and a new one accepted without a restart', () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const file = tokenFile({
      [hashToken('riau-token')]: 'polda:riau',
      [hashToken('kalbar-token')]: 'polda:kalbar',
    });
    const registry = TokenRegistry.fromFile(file);
    expect(registry.unitOf('kalbar-token')?.id).toBe('polda:kalbar');

    writeFileSync(
      file,
      JSON.stringify({
        [hashToken('riau-token')]: 'polda:riau',
        [hashToken('new-token')]: 'polda:papua-selatan',
      }),
    );
    utimesSync(file, new Date(), new Date(Date.now() + 5000)); // a distinct mtime even on coarse clocks
    // Within the one-second check interval the last registry still answers…
    expect(registry.unitOf('kalbar-token')?.id).toBe('polda:kalbar');
    jest.advanceTimersByTime(1001);
    // …then the file's current content does.
    expect(registry.unitOf('kalbar-token')).toBeUndefined();
    expect(registry.unitOf('new-token')?.id).toBe('polda:papua-selatan');
    expect(registry.unitOf('riau-token')?.id).toBe('polda:riau');
  });

  it('keeps the last good registry when the file is replaced by something broken', () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const file = tokenFile({ [hashToken('riau-token')]: 'polda:riau' });
    const registry = TokenRegistry.fromFile(file);
    writeFileSync(file, '{ not json');
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    jest.advanceTimersByTime(1001);
    expect(registry.unitOf('riau-token')?.id).toBe('polda:riau');
  });
});
