import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import {
  EVENT_TYPES,
  jsonSchemaFor,
  MAX_EVENT_BYTES,
  parseEvent,
  validateEvent,
  validateWithClasses,
  type ParseResult,
} from '@simpul/contracts';
import {
  allValidFixtures,
  anyEventArbitrary,
  arrestWithSuspects,
  interceptionOfAboutBytes,
  interceptionWithCandidates,
  invalidFixtureInput,
  invalidFixtures,
  mutatedEventArbitrary,
  validFixtures,
  watchlistEntriesOfEachLegalType,
} from '@simpul/contracts/testing';

function issuesOf(result: ParseResult): { path: string; rule: string }[] {
  return result.ok ? [] : result.errors.map(({ path, rule }) => ({ path, rule }));
}

function sorted(issues: { path: string; rule: string }[]): { path: string; rule: string }[] {
  return [...issues].sort((a, b) => `${a.path} ${a.rule}`.localeCompare(`${b.path} ${b.rule}`));
}

describe('parseEvent: valid events', () => {
  it.each(EVENT_TYPES)('accepts the %s fixture and returns it unchanged', (type) => {
    const json = JSON.stringify(validFixtures[type]);
    const result = parseEvent(json);
    expect(result).toEqual({ ok: true, event: validFixtures[type] });
    expect(parseEvent(new TextEncoder().encode(json)).ok).toBe(true);
  });

  it('accepts watchlist entries of every legal type, including an extended cegah and a 90-day protective', () => {
    const entries = watchlistEntriesOfEachLegalType();
    expect(entries.map((e) => e.data.legalType)).toEqual(['cegah', 'cegah', 'dpo', 'advisory', 'protective']);
    for (const entry of entries) expect(issuesOf(parseEvent(JSON.stringify(entry)))).toEqual([]);
  });

  it('accepts large events: 200 suspects, 2000 candidates, and the ~256 KiB interception', () => {
    const big = [arrestWithSuspects(200), interceptionWithCandidates(2000), interceptionOfAboutBytes()];
    for (const event of big) {
      const json = JSON.stringify(event);
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
      expect(issuesOf(parseEvent(json))).toEqual([]);
    }
    expect(Buffer.byteLength(JSON.stringify(interceptionOfAboutBytes()))).toBeGreaterThan(
      MAX_EVENT_BYTES - 1024,
    );
  });

  it('returns the parsed object itself, not a transformed copy, and validation does not modify it', () => {
    for (const event of allValidFixtures()) {
      const value = JSON.parse(JSON.stringify(event));
      const before = JSON.stringify(value);
      const compiled = validateEvent(value);
      const reference = validateWithClasses(value);
      expect(compiled.ok && compiled.event).toBe(value);
      expect(reference.ok && reference.event).toBe(value);
      expect(JSON.stringify(value)).toBe(before);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    }
  });
});

describe('parseEvent: invalid payloads', () => {
  it('has at least 40 distinct invalid payloads covering every type', () => {
    expect(invalidFixtures.length).toBeGreaterThanOrEqual(40);
    expect(new Set(invalidFixtures.map((f) => f.name)).size).toBe(invalidFixtures.length);
    expect(new Set(invalidFixtures.map((f) => invalidFixtureInput(f).toString())).size).toBe(
      invalidFixtures.length,
    );
    expect(new Set(invalidFixtures.map((f) => f.type))).toEqual(new Set(EVENT_TYPES));
  });

  it.each(invalidFixtures.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const result = parseEvent(invalidFixtureInput(fixture));
    expect(result.ok).toBe(false);
    expect(sorted(issuesOf(result))).toEqual(sorted(fixture.expect));
  });

  it.each(invalidFixtures.map((f) => [f.name, f] as const))('reference path agrees: %s', (_name, fixture) => {
    const raw = fixture.build();
    if (typeof raw === 'string' || raw instanceof Uint8Array) return; // bytes-level checks are parseEvent's alone
    expect(sorted(issuesOf(validateWithClasses(JSON.parse(JSON.stringify(raw)))))).toEqual(
      sorted(fixture.expect),
    );
  });

  it('never echoes personal values in messages', () => {
    // Values that appear in the fixtures: names, NIKs, passport numbers, dates of birth.
    const personal = [
      'Yusuf',
      'Jusuf',
      'Aminah',
      'Rosmawati',
      '147201',
      'C1234567',
      '1985-03',
      'Ucok',
      '\u{1F600}',
    ];
    for (const fixture of invalidFixtures) {
      const result = parseEvent(invalidFixtureInput(fixture));
      for (const error of result.ok ? [] : result.errors) {
        for (const value of personal) expect(error.message).not.toContain(value);
        expect(error.message).toContain(error.rule);
      }
    }
  });

  it('never echoes an unknown property name that could be personal data, in both paths', () => {
    // A client keying people by NIK, passport number or name: the keys are personal data.
    const event = JSON.parse(JSON.stringify(validFixtures['police.arrest.recorded.v1']));
    const person = event.data.suspects[0].person;
    Object.assign(person, { nickname: 'x', '1472011203850001': 'x', C7654321: 'x', 'Sutrisno Wibowo': 'x' });
    event.data['Sutrisno Wibowo'] = { '1472011203850001': { deep: true } };
    for (const result of [validateEvent(event), validateWithClasses(event)]) {
      expect(sorted(issuesOf(result))).toEqual([
        { path: 'data.*', rule: 'unknownProperty' },
        { path: 'data.suspects[0].person.*', rule: 'unknownProperty' },
        { path: 'data.suspects[0].person.nickname', rule: 'unknownProperty' },
      ]);
      expect(JSON.stringify(result)).not.toMatch(/1472011203850001|C7654321|Sutrisno|Wibowo/);
    }
  });

  it('names every property of the contract in full in issue paths (all are lower camelCase letters)', () => {
    const names = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node === null || typeof node !== 'object') return;
      const { properties } = node as { properties?: unknown };
      if (properties && typeof properties === 'object') Object.keys(properties).forEach((k) => names.add(k));
      Object.values(node).forEach(walk);
    };
    for (const type of EVENT_TYPES) walk(jsonSchemaFor(type));
    expect(names.size).toBeGreaterThan(50);
    expect([...names].filter((name) => !/^[a-z][A-Za-z]{0,39}$/.test(name))).toEqual([]);
  });

  it('rejects a NIK sent as a number without coercing it, in both paths', () => {
    const event = JSON.parse(JSON.stringify(validFixtures['police.arrest.recorded.v1']));
    event.data.suspects[0].person.nik = 1472011203850001;
    for (const result of [validateEvent(event), validateWithClasses(event)]) {
      expect(issuesOf(result)).toEqual([{ path: 'data.suspects[0].person.nik', rule: 'type' }]);
    }
    expect(typeof event.data.suspects[0].person.nik).toBe('number');
  });

  it('detects a __proto__ key that JSON.parse made an own property, at any depth, without polluting prototypes', () => {
    const json = JSON.stringify(validFixtures['police.departure.foiled.v1']).replace(
      '"fullName":"Rahmat"',
      '"fullName":"Rahmat","__proto__":{"isAdmin":true}',
    );
    const result = parseEvent(json);
    expect(issuesOf(result)).toEqual([{ path: 'data.candidates[2].person.__proto__', rule: 'forbiddenKey' }]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('parseEvent: hostile volume', () => {
  it('reports at most 100 issues then tooManyErrors, the same in both paths', () => {
    const event = JSON.parse(JSON.stringify(validFixtures['police.departure.foiled.v1']));
    event.data.candidates = Array.from({ length: 2000 }, () => ({
      candidateId: 1,
      person: { fullName: 2 },
      x: 1,
    }));
    const compiled = validateEvent(event);
    const reference = validateWithClasses(event);
    expect(issuesOf(compiled)).toHaveLength(101);
    expect(issuesOf(compiled)[100]).toEqual({ path: '', rule: 'tooManyErrors' });
    expect(issuesOf(reference)).toEqual(issuesOf(compiled));
  });
});

describe('parseEvent never throws', () => {
  it('on arbitrary bytes and text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }), fc.json()),
        (raw) => {
          const result = parseEvent(raw);
          expect(result.ok === false ? result.errors.length : 1).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on arbitrary JSON values given to the validators directly', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const result of [validateEvent(value), validateWithClasses(value)]) {
          expect(result.ok).toBe(false);
          expect((result as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('on non-JSON inputs (undefined, objects, numbers) passed by mistake', () => {
    for (const raw of [undefined, null, 42, {}, [], new ArrayBuffer(4)]) {
      expect(parseEvent(raw as unknown as string).ok).toBe(false);
    }
  });
});

describe('property: generated events', () => {
  it('valid events round-trip unchanged through JSON.stringify and parseEvent', () => {
    fc.assert(
      fc.property(anyEventArbitrary, (event) => {
        const result = parseEvent(JSON.stringify(event));
        expect(issuesOf(result)).toEqual([]);
        expect(result.ok && result.event).toEqual(event);
      }),
      { numRuns: 1000 },
    );
  });

  it('mutated events are either valid or rejected with a non-empty error list, never an exception', () => {
    fc.assert(
      fc.property(mutatedEventArbitrary, (json) => {
        const result = parseEvent(json);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) {
            expect(typeof error.path).toBe('string');
            expect(error.rule).toMatch(/^[a-z][A-Za-z]*$/);
            expect(error.rule).not.toBe('internal');
          }
        } else {
          expect(result.event).toEqual(JSON.parse(json));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
