// The compiled (ajv) path must agree with the class-validator reference path: same verdict and the
// same set of (path, rule) on every fixture and on a fuzzed corpus of mutated valid events.
import { describe, expect, it } from '@jest/globals';
import * as fc from 'fast-check';
import { EVENT_TYPES, validateEvent, validateWithClasses, type ParseResult } from '@simpul/contracts';
import {
  allValidFixtures,
  anyEventArbitrary,
  applyMutations,
  eventArbitrary,
  invalidFixtures,
  mutationArbitrary,
  watchlistEntriesOfEachLegalType,
} from '@simpul/contracts/testing';

function verdict(result: ParseResult): { ok: boolean; issues: string[] } {
  return { ok: result.ok, issues: result.ok ? [] : result.errors.map((e) => `${e.path} ${e.rule}`).sort() };
}

/** Both paths on independent parses of the same text. */
function bothPaths(json: string): {
  compiled: ReturnType<typeof verdict>;
  reference: ReturnType<typeof verdict>;
} {
  return {
    compiled: verdict(validateEvent(JSON.parse(json))),
    reference: verdict(validateWithClasses(JSON.parse(json))),
  };
}

describe('differential: compiled path vs class-validator reference path', () => {
  it('agree on every valid fixture (both accept)', () => {
    for (const event of [...allValidFixtures(), ...watchlistEntriesOfEachLegalType()]) {
      const { compiled, reference } = bothPaths(JSON.stringify(event));
      expect(compiled).toEqual({ ok: true, issues: [] });
      expect(reference).toEqual(compiled);
    }
  });

  it('agree on every invalid fixture that reaches validation', () => {
    for (const fixture of invalidFixtures) {
      const raw = fixture.build();
      if (typeof raw === 'string' || raw instanceof Uint8Array) continue; // bytes-level: parseEvent only
      const { compiled, reference } = bothPaths(JSON.stringify(raw));
      expect({ name: fixture.name, ...reference }).toEqual({ name: fixture.name, ...compiled });
      expect(compiled.ok).toBe(false);
    }
  });

  it('agree on a fuzzed corpus of 5000 mutated valid events', () => {
    let rejected = 0;
    fc.assert(
      fc.property(
        anyEventArbitrary,
        fc.array(mutationArbitrary, { minLength: 1, maxLength: 3 }),
        (event, mutations) => {
          const json = JSON.stringify(applyMutations(event, mutations));
          const { compiled, reference } = bothPaths(json);
          expect(reference).toEqual(compiled);
          if (!compiled.ok) rejected++;
        },
      ),
      { numRuns: 5000 },
    );
    // The corpus is only useful if most mutations break something.
    expect(rejected).toBeGreaterThan(2500);
  });

  it.each(EVENT_TYPES)('agree on 150 generated valid %s events (both accept)', (type) => {
    fc.assert(
      fc.property(eventArbitrary(type), (event) => {
        const { compiled, reference } = bothPaths(JSON.stringify(event));
        expect(compiled).toEqual({ ok: true, issues: [] });
        expect(reference).toEqual(compiled);
      }),
      { numRuns: 150 },
    );
  });
});
