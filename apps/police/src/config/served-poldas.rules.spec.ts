import { describe, expect, it } from '@jest/globals';
import { servedPoldas, type PoldaUnit } from './served-poldas.rules.js';

const unit = (code: string): PoldaUnit => ({ code, id: `polda:${code}`, source: `/polri/polda/${code}` });
const known = [unit('riau'), unit('kepri'), unit('kalbar')];

describe('servedPoldas', () => {
  it('serves every known Polda when none is configured', () => {
    expect(servedPoldas(known, '').map((u) => u.code)).toEqual(['riau', 'kepri', 'kalbar']);
    expect(servedPoldas(known, ' , ').map((u) => u.code)).toEqual(['riau', 'kepri', 'kalbar']);
  });

  it('serves the listed codes once each', () => {
    expect(servedPoldas(known, 'kepri, riau,kepri').map((u) => u.code)).toEqual(['kepri', 'riau']);
  });

  it('refuses a code that is not a known Polda, naming it', () => {
    expect(() => servedPoldas(known, 'riau,atlantis')).toThrow(/atlantis/);
  });
});
