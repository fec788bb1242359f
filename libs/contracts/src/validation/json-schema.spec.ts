import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import * as fc from 'fast-check';
import { EVENT_TYPES, generateJsonSchemas, RULES_KEYWORD, type JsonSchema } from '@simpul/contracts';
import {
  allValidFixtures,
  eventArbitrary,
  invalidFixtures,
  watchlistEntriesOfEachLegalType,
} from '@simpul/contracts/testing';

// ajv-formats is CommonJS: its default export arrives as the module object under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv,
) => Ajv;

/** A fresh ajv with the standard formats (not our implementations), as an outside consumer would use. */
function freshValidator(schema: JsonSchema) {
  const ajv = new Ajv({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword(RULES_KEYWORD);
  return ajv.compile(schema);
}

const schemas = generateJsonSchemas();

/** Every property schema in a schema document, with its location. */
function propertySchemas(schema: JsonSchema): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  const visitObject = (where: string, object: JsonSchema) => {
    for (const [name, property] of Object.entries((object.properties ?? {}) as Record<string, JsonSchema>)) {
      out.push([`${where}.${name}`, property]);
    }
  };
  visitObject('(root)', schema);
  for (const [name, definition] of Object.entries((schema.definitions ?? {}) as Record<string, JsonSchema>)) {
    visitObject(name, definition);
  }
  return out;
}

describe('generateJsonSchemas', () => {
  it('gives one draft-07 schema per type with $id urn:simpul:schema:<type>, closed objects everywhere', () => {
    expect(Object.keys(schemas)).toEqual(EVENT_TYPES);
    for (const type of EVENT_TYPES) {
      const schema = schemas[type];
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(schema.$id).toBe(`urn:simpul:schema:${type}`);
      expect(schema.additionalProperties).toBe(false);
      expect((schema.properties as Record<string, JsonSchema>).type).toMatchObject({ enum: [type] });
      for (const definition of Object.values(schema.definitions as Record<string, JsonSchema>)) {
        expect(definition.additionalProperties).toBe(false);
      }
    }
  });

  it('describes every field, and bounds every string and array', () => {
    for (const type of EVENT_TYPES) {
      for (const [where, property] of propertySchemas(schemas[type])) {
        expect({ where, description: typeof property.description }).toEqual({ where, description: 'string' });
        if (property.type === 'string' && !property.enum && !property.format) {
          expect({ where, bounded: 'maxLength' in property || 'pattern' in property }).toEqual({
            where,
            bounded: true,
          });
        }
        if (property.type === 'array')
          expect({ where, max: typeof property.maxItems }).toEqual({ where, max: 'number' });
      }
    }
  });

  it('lists the cross-field rules where they apply', () => {
    const rules = (type: string) =>
      (schemas[type as keyof typeof schemas][RULES_KEYWORD] as { rule: string; at: string }[]).map(
        (r) => `${r.rule} @ ${r.at}`,
      );
    expect(rules('police.arrest.recorded.v1')).toEqual([
      'sourceNamesUnit @ source',
      'nikStructure @ data.suspects[].person.nik',
      'nikMatchesDateOfBirth @ data.suspects[].person.nik',
      'nikMatchesSex @ data.suspects[].person.nik',
    ]);
    expect(rules('ministry.watchlist.entry.issued.v1')).toEqual(
      expect.arrayContaining([
        'cegahRequiresDecisionNumber @ data.decisionNumber',
        'cegahMaxDuration @ data.validUntil',
        'protectiveMaxDuration @ data.validUntil',
        'validUntilAfterValidFrom @ data.validUntil',
      ]),
    );
    expect(rules('police.departure.foiled.v1')).toContain(
      'candidateCountCoversCandidates @ data.candidateCount',
    );
    expect(rules('immigration.departure.delayed.v1')).toContain('delayMaxDuration @ data.validUntil');
  });

  it('is deterministic', () => {
    expect(JSON.stringify(generateJsonSchemas())).toBe(JSON.stringify(schemas));
  });

  it('accepts every valid fixture (fresh ajv with standard formats)', () => {
    for (const event of [...allValidFixtures(), ...watchlistEntriesOfEachLegalType()]) {
      const validate = freshValidator(schemas[event.type]);
      expect({ type: event.type, ok: validate(event), errors: validate.errors }).toEqual({
        type: event.type,
        ok: true,
        errors: null,
      });
    }
  });

  it.each(EVENT_TYPES)('accepts generated valid %s events', (type) => {
    const validate = freshValidator(schemas[type]);
    fc.assert(
      fc.property(eventArbitrary(type), (event) => {
        expect(validate(event)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it.each(invalidFixtures.filter((f) => f.schemaDetectable).map((f) => [f.name, f] as const))(
    'rejects: %s',
    (_name, fixture) => {
      const raw = fixture.build();
      const value = typeof raw === 'string' ? JSON.parse(raw) : raw;
      expect(freshValidator(schemas[fixture.type])(value)).toBe(false);
    },
  );

  it('marks as schema-detectable exactly the invalid payloads the schema rejects', () => {
    for (const fixture of invalidFixtures.filter((f) => !f.schemaDetectable)) {
      const raw = fixture.build();
      if (typeof raw !== 'object' || raw instanceof Uint8Array) continue; // bytes and text: not a schema matter
      expect({ name: fixture.name, accepted: freshValidator(schemas[fixture.type])(raw) }).toEqual({
        name: fixture.name,
        accepted: true,
      });
    }
  });
});
