import { describe, expect, it } from '@jest/globals';
import { readReidentifyRequest } from './reidentify.rules.js';

const paths = (body: unknown) => readReidentifyRequest(body).problems.map((p) => `${p.path}:${p.rule}`);

describe('readReidentifyRequest', () => {
  it('accepts an official and a stated purpose, trimmed, with an optional note', () => {
    expect(readReidentifyRequest({ official: ' Rina (NIP 1987) ', purpose: 'victim_protection' })).toEqual({
      request: { official: 'Rina (NIP 1987)', purpose: 'victim_protection' },
      problems: [],
    });
    expect(
      readReidentifyRequest({ official: 'Rina', purpose: 'court_order', note: ' Putusan PN 12/2025 ' }),
    ).toEqual({
      request: { official: 'Rina', purpose: 'court_order', note: 'Putusan PN 12/2025' },
      problems: [],
    });
  });

  it('names every missing or bad field with its rule', () => {
    expect(paths({})).toEqual(['official:required', 'purpose:required']);
    expect(paths({ official: '  ', purpose: 'curiosity', note: 7, extra: 1 })).toEqual([
      'official:required',
      'purpose:enum',
      'note:maxLength',
      'extra:unknownProperty',
    ]);
    expect(paths({ official: 'x'.repeat(201), purpose: 'investigation', note: 'y'.repeat(501) })).toEqual([
      'official:maxLength',
      'note:maxLength',
    ]);
    expect(paths([])).toEqual([':type']);
    expect(paths(null)).toEqual([':type']);
  });

  it('never echoes a value, not even an unknown property name that looks like data', () => {
    const result = readReidentifyRequest({
      official: 'Rina',
      purpose: '3201014507900001',
      '3201014507900001': 1,
    });
    expect(JSON.stringify(result)).not.toContain('3201014507900001');
  });
});
