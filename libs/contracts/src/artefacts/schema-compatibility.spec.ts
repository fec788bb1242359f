import { describe, expect, it } from '@jest/globals';
import { compareSchemas, type CompatibilityProblem } from './schema-compatibility.js';

/** A published schema in the shape the generator emits: an envelope, `data`, a shared `$defs` shape. */
function published(): Record<string, unknown> {
  return {
    $id: 'urn:simpul:schema:test.thing.recorded.v1',
    type: 'object',
    additionalProperties: false,
    required: ['id', 'data'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      data: {
        type: 'object',
        additionalProperties: false,
        required: ['person', 'status', 'count'],
        properties: {
          person: { $ref: '#/$defs/Person' },
          status: { type: 'string', enum: ['detained', 'at_large', 'released'] },
          count: { type: 'integer', minimum: 0, maximum: 2000 },
          tags: { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 50 } },
          note: { type: 'string', minLength: 1, maxLength: 2000 },
        },
      },
    },
    $defs: {
      Person: {
        type: 'object',
        additionalProperties: false,
        required: ['fullName'],
        properties: {
          fullName: { type: 'string', minLength: 1, maxLength: 120 },
          nik: { type: 'string', pattern: '^[0-9]{16}$' },
        },
      },
    },
  };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function changed(edit: (schema: Json) => void): CompatibilityProblem[] {
  const current = published() as Json;
  edit(current);
  return compareSchemas(published(), current);
}

const rulesOf = (problems: CompatibilityProblem[]) => problems.map((p) => `${p.rule} ${p.path}`);

describe('compareSchemas', () => {
  it('finds nothing when the schema is unchanged', () => {
    expect(compareSchemas(published(), published())).toEqual([]);
  });

  it('passes a new optional field, a loosened bound, a widened enum and a new description', () => {
    const problems = changed((s) => {
      s.properties.data.properties.remarks = { type: 'string', maxLength: 500 };
      s.$defs.Person.properties.aliases = { type: 'array', items: { type: 'string' } };
      s.properties.data.properties.count.maximum = 5000;
      s.properties.data.properties.note.maxLength = 4000;
      s.properties.data.properties.status.enum.push('escaped');
      s.properties.data.properties.status.description = 'what happened to the suspect';
    });
    expect(problems).toEqual([]);
  });

  it('fails on a removed field', () => {
    expect(rulesOf(changed((s) => delete s.properties.data.properties.note))).toEqual([
      'propertyRemoved data.note',
    ]);
  });

  it('fails on a renamed field (old name gone, even if the new one is optional)', () => {
    const problems = changed((s) => {
      s.properties.data.properties.remark = s.properties.data.properties.note;
      delete s.properties.data.properties.note;
    });
    expect(rulesOf(problems)).toEqual(['propertyRemoved data.note']);
  });

  it('fails on a retyped field', () => {
    expect(rulesOf(changed((s) => (s.properties.data.properties.count = { type: 'string' })))).toEqual([
      'typeChanged data.count',
    ]);
  });

  it('fails on a changed format', () => {
    expect(rulesOf(changed((s) => (s.properties.id.format = 'date-time')))).toEqual(['formatChanged id']);
  });

  it('fails when an optional field becomes required', () => {
    expect(rulesOf(changed((s) => s.properties.data.required.push('note')))).toEqual([
      'madeRequired data.note',
    ]);
  });

  it('fails on a new required field', () => {
    const problems = changed((s) => {
      s.properties.data.properties.unit = { type: 'string' };
      s.properties.data.required.push('unit');
    });
    expect(rulesOf(problems)).toEqual(['madeRequired data.unit']);
  });

  it('fails when an enum is narrowed', () => {
    const problems = changed((s) => (s.properties.data.properties.status.enum = ['detained', 'released']));
    expect(rulesOf(problems)).toEqual(['enumNarrowed data.status']);
    expect(problems[0].message).toContain('"at_large"');
  });

  it.each([
    ['maxLength lowered', (s: Json) => (s.properties.data.properties.note.maxLength = 1000), 'data.note'],
    ['minLength raised', (s: Json) => (s.properties.data.properties.note.minLength = 5), 'data.note'],
    ['maximum lowered', (s: Json) => (s.properties.data.properties.count.maximum = 200), 'data.count'],
    ['minimum raised', (s: Json) => (s.properties.data.properties.count.minimum = 1), 'data.count'],
    ['maxItems lowered', (s: Json) => (s.properties.data.properties.tags.maxItems = 5), 'data.tags'],
    [
      'a bound added where there was none',
      (s: Json) => (s.properties.data.properties.tags.minItems = 1),
      'data.tags',
    ],
    [
      'an array item bound lowered',
      (s: Json) => (s.properties.data.properties.tags.items.maxLength = 20),
      'data.tags[]',
    ],
    [
      'a bound in a shared $defs shape',
      (s: Json) => (s.$defs.Person.properties.fullName.maxLength = 60),
      'data.person.fullName',
    ],
  ])('fails when a bound is tightened: %s', (_name, edit, path) => {
    expect(rulesOf(changed(edit))).toEqual([`boundTightened ${path}`]);
  });

  it('fails when a pattern changes', () => {
    expect(rulesOf(changed((s) => (s.$defs.Person.properties.nik.pattern = '^[0-9]{18}$')))).toEqual([
      'patternChanged data.person.nik',
    ]);
  });

  it('fails when a property of a shared shape is removed', () => {
    expect(rulesOf(changed((s) => delete s.$defs.Person.properties.nik))).toEqual([
      'propertyRemoved data.person.nik',
    ]);
  });
});
