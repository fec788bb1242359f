import * as Engine from '../names/indonesian-names.js';
import * as N from './independent-names.js';
import { ComposedNames, engineWords, type ComposedSlot } from './composed-names.js';
import { evaluate, isThinPair } from './evaluate.js';
import { HELD_OUT_SETS, HELD_OUT_TUNING, buildHeldOutSet } from './independent-sets.js';
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

  it("composes thousands of words per tradition, none of them the engine's, a few common and most rare", () => {
    const composed = new ComposedNames(1);
    const engine = engineWords();
    const slots: ComposedSlot[] = ['java_m', 'java_f', 'sunda', 'arabic_m', 'arabic_f', 'batak_family'];
    for (const slot of slots) {
      const words = composed.words(slot);
      expect(words.length).toBeGreaterThan(
        slot.startsWith('java') || slot === 'sunda' ? 2000 : slot === 'batak_family' ? 40 : 150,
      );
      expect(words.filter((w) => engine.has(w.toLowerCase()))).toEqual([]);
      for (const w of words) expect(w).toMatch(/^[A-Z][a-z]+$/);
    }
    const rng = new Rng(2);
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const w = composed.pick('java_f', rng);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    // Zipf: the commonest word is a few in a hundred; most drawn words are seen only a handful of times
    expect(sorted[0] / 20_000).toBeGreaterThan(0.005);
    expect(sorted[0] / 20_000).toBeLessThan(0.05);
    expect(counts.size).toBeGreaterThan(1500);
  });

  it('reports three sets of different mixes and tunes on a fourth seed none of them uses', () => {
    expect(HELD_OUT_SETS).toHaveLength(3);
    const seeds = HELD_OUT_SETS.map((s) => s.seed);
    expect(new Set(seeds).size).toBe(3);
    expect(seeds).not.toContain(HELD_OUT_TUNING.seed);
    expect(new Set(HELD_OUT_SETS.map((s) => s.composedShare)).size).toBe(3);
    const set = buildHeldOutSet(HELD_OUT_SETS[1], { entries: 2000, positives: 10, negatives: 10 });
    const distinct = new Set(set.entries.map((e) => e.person.fullName.toLowerCase())).size;
    expect(distinct / set.entries.length).toBeGreaterThan(0.9);
  });

  it('scores thin pairs apart: neither hit, miss nor false positive', () => {
    const thin = { fullName: 'Sukarti' };
    expect(isThinPair({ fullName: 'Sukarti', passportNumber: 'C1234567' }, thin)).toBe(true);
    expect(
      isThinPair({ fullName: 'Sukarti', dateOfBirth: '1970-01-01' }, { ...thin, dateOfBirth: '1971-01-01' }),
    ).toBe(false);
    expect(isThinPair({ fullName: 'Sukarti Ngatiyem' }, { fullName: 'Sukarti Ngatiyem' })).toBe(false);
    const set = buildHeldOutSet(HELD_OUT_SETS[2], { entries: 1500, positives: 400, negatives: 100 });
    const apart = evaluate(set, undefined, { thinApart: true });
    const all = evaluate(set);
    expect(apart.thin!.positives).toBeGreaterThan(0);
    expect(apart.positives + apart.thin!.positives).toBe(all.positives);
    expect(apart.truePositives + apart.thin!.listed).toBe(all.truePositives);
  });
});
