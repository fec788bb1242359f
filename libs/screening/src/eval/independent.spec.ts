import * as Engine from '../names/indonesian-names.js';
import * as N from './independent-names.js';
import { buildHeldOutSet } from './independent-sets.js';
import { applyIndependentVariant, toOldSpelling } from './independent-variants.js';
import { Rng } from './rng.js';

const SMALL = { entries: 300, positives: 120, negatives: 120 };

describe('independent held-out evaluation', () => {
  it('shares no name word with the engine lists', () => {
    const engine = new Set<string>();
    for (const list of Object.values(Engine))
      if (Array.isArray(list))
        for (const [name] of list as ReadonlyArray<readonly [string, number]>)
          for (const w of name.toLowerCase().split(/[ -]/)) engine.add(w);
    const shared: string[] = [];
    for (const [key, list] of Object.entries(N)) {
      if (key === 'STRUCTURAL' || !Array.isArray(list)) continue;
      for (const [name] of list as N.Weighted)
        for (const w of name.toLowerCase().split(/[ -]/)) if (engine.has(w)) shared.push(w);
    }
    expect(engine.size).toBeGreaterThan(500);
    expect(shared).toEqual([]);
  });

  it('is the same set for the same seed and another for another seed', () => {
    const a = buildHeldOutSet(7, SMALL);
    expect(buildHeldOutSet(7, SMALL)).toEqual(a);
    expect(buildHeldOutSet(8, SMALL).entries[0]).not.toEqual(a.entries[0]);
    expect(a.entries).toHaveLength(300);
    expect(a.queries.filter((q) => q.positive)).toHaveLength(120);
  });

  it('has entries known by name only, travellers without a date of birth and namesakes', () => {
    const set = buildHeldOutSet(3, { entries: 1000, positives: 400, negatives: 300 });
    const nameOnly = set.entries.filter((e) => Object.keys(e.person).length === 1).length;
    expect(nameOnly).toBeGreaterThan(60);
    expect(nameOnly).toBeLessThan(200);
    expect(set.queries.some((q) => q.positive && q.traveler.dateOfBirth === undefined)).toBe(true);
    const namesake = set.queries.find((q) => q.kind === 'namesake')!;
    const entry = set.entries.find((e) => e.person.fullName === namesake.traveler.fullName)!;
    expect(namesake.traveler.sex).not.toBe(entry.person.sex ?? namesake.traveler.sex);
  });

  it('makes each variant do what it says', () => {
    const rng = new Rng(5);
    const name = 'Sukirno Haryadi Sahetapy';
    expect(applyIndependentVariant('all_caps', name, 'M', rng)).toBe('SUKIRNO HARYADI SAHETAPY');
    expect(applyIndependentVariant('dropped_middle', name, 'M', rng)).toBe('Sukirno Sahetapy');
    expect(applyIndependentVariant('dropped_middle', 'Sukirno Sahetapy', 'M', rng)).toBeUndefined();
    expect(applyIndependentVariant('reordered', name, 'M', rng)).toBe('Sahetapy Sukirno Haryadi');
    expect(applyIndependentVariant('patronymic', 'Rohmah', 'F', rng, 'Imron')).toBe('Rohmah binti Imron');
    expect(applyIndependentVariant('title', name, 'M', rng)).toMatch(
      /^(\S+\. )?Sukirno Haryadi Sahetapy(, \S+)?$/,
    );
    expect(applyIndependentVariant('title', name, 'M', rng)).not.toBe(name);
    for (let i = 0; i < 50; i++) {
      const typo = applyIndependentVariant('typo', name, 'M', rng)!;
      expect(typo).not.toBe(name);
      expect(typo.split(' ')).toHaveLength(3);
      expect(typo[0]).toBe('S');
    }
    expect(toOldSpelling('Yusuf')).toBe('Joesoef');
    expect(toOldSpelling('Cahyono')).toBe('Tjahjono');
    expect(toOldSpelling('Syamsuri')).toBe('Sjamsoeri');
    expect(toOldSpelling('Khoirul')).toBe('Choiroel');
    expect(toOldSpelling('Jumadi')).toBe('Djoemadi');
    const old = applyIndependentVariant('old_spelling', 'Parman Jumadi', 'M', rng)!;
    expect(['Parman Djoemadi', 'Parman Jumadi']).toContain(old);
    expect(old).not.toBe('Parman Jumadi');
  });
});
