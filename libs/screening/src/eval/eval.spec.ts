import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FREQUENCY_SAMPLE_SIZE, INITIAL_COUNTS, TOKEN_COUNTS } from '../names/token-frequencies.data.js';
import { normaliseName } from '../normalise/normalise-name.js';
import { EVAL_SEED, buildEvalSet, evalSetLines, parseEvalSet } from './eval-set.js';
import { evaluate } from './evaluate.js';
import { Rng } from './rng.js';
import { PeopleGenerator } from './synthetic-people.js';
import { computeTokenFrequencies, FREQUENCY_MIN_COUNT } from './token-frequencies.js';
import { applyVariant, oldSpelling } from './variants.js';

describe('the seeded generators', () => {
  it('repeat themselves for a seed and differ between seeds', () => {
    const a = new PeopleGenerator(5);
    const b = new PeopleGenerator(5);
    const c = new PeopleGenerator(6);
    const first = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 50 }, () => c.next())).not.toEqual(first);
    expect(new Rng(1).next()).toBe(new Rng(1).next());
  });

  it('write well-formed NIKs that agree with the person', () => {
    const people = new PeopleGenerator(8);
    for (let i = 0; i < 200; i++) {
      const p = people.next();
      const [y, m, d] = p.dateOfBirth.split('-').map(Number);
      expect(p.nik).toMatch(/^\d{16}$/);
      expect(Number(p.nik.slice(6, 8))).toBe(p.sex === 'F' ? d + 40 : d);
      expect(p.nik.slice(8, 12)).toBe(`${String(m).padStart(2, '0')}${String(y % 100).padStart(2, '0')}`);
    }
  });
});

describe('variant generators', () => {
  it('write the old spelling the normaliser reads back', () => {
    expect(oldSpelling('Suharto')).toBe('Soeharto');
    expect(oldSpelling('Cahyo')).toBe('Tjahjo');
    expect(oldSpelling('Yusuf')).toBe('Joesoef');
    for (const name of ['Joko Susilo', 'Syahrir', 'Nyoman Suwarni', 'Khairul Wijaya']) {
      const old = name.split(' ').map(oldSpelling).join(' ');
      expect(normaliseName(old).tokens.map((t) => t.text)).toEqual(
        normaliseName(name).tokens.map((t) => t.text),
      );
    }
  });

  it('apply when they can and say when they cannot', () => {
    const rng = new Rng(3);
    expect(applyVariant('swapped', 'Budi Santoso', 'M', rng)).toBe('Santoso Budi');
    expect(applyVariant('mononym', 'Sutrisno', 'M', rng)).toBeUndefined();
    expect(applyVariant('initials', 'Budi Santoso', 'M', rng)).toBe('B. Santoso');
    expect(applyVariant('muhammad', 'Muhammad Rizki', 'M', rng)).not.toBe('Muhammad Rizki');
  });
});

describe('the evaluation set', () => {
  it('is generated deterministically, labels every traveller and round-trips through JSONL', () => {
    const size = { entries: 300, positives: 150, negatives: 150 };
    const a = buildEvalSet(11, size);
    expect(buildEvalSet(11, size)).toEqual(a);
    expect(parseEvalSet(evalSetLines(a))).toEqual(a);
    const ids = new Set(a.entries.map((e) => e.entryId));
    expect(
      a.queries
        .filter((q) => q.positive)
        .every((q) => q.expectedEntryId !== null && ids.has(q.expectedEntryId)),
    ).toBe(true);
    expect(a.queries.filter((q) => !q.positive).every((q) => q.expectedEntryId === null)).toBe(true);
  });

  it('as committed in data/eval-set.jsonl is what the generator makes', () => {
    const path = fileURLToPath(new URL('../../data/eval-set.jsonl', import.meta.url));
    const committed = parseEvalSet(readFileSync(path, 'utf8').split('\n'));
    expect(committed).toEqual(buildEvalSet(EVAL_SEED));
  });

  it('counts precision and recall from matches', () => {
    const set = buildEvalSet(12, { entries: 300, positives: 200, negatives: 200 });
    const report = evaluate(set);
    expect(report.truePositives + report.falseNegatives).toBe(200);
    expect(report.precision).toBeCloseTo(
      report.truePositives / (report.truePositives + report.falsePositives),
      3,
    );
    expect(report.recall).toBeGreaterThan(0.8); // a working engine; the figures themselves come from npm run eval:screening
  });
});

describe('the token-frequency table', () => {
  it('is the one the generator and the normaliser produce now (rerun `tool.js frequencies` if this fails)', () => {
    const table = computeTokenFrequencies();
    expect(FREQUENCY_SAMPLE_SIZE).toBe(table.sample);
    const listed = Object.fromEntries(
      Object.entries(table.tokens).filter(([, n]) => n >= FREQUENCY_MIN_COUNT),
    );
    expect(TOKEN_COUNTS).toEqual(listed);
    expect(INITIAL_COUNTS).toEqual(table.initials);
  });
});
