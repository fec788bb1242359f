import { describe, expect, it } from '@jest/globals';
import { bodySchemaFor } from './body-schema.js';

describe('bodySchemaFor', () => {
  const schema = bodySchemaFor('police.arrest.recorded.v1', ['arrestId', 'suspects[].suspectId']);
  const properties = schema.properties as Record<string, Record<string, unknown>>;

  it('describes the event data without the generated ids', () => {
    expect(properties).not.toHaveProperty('arrestId');
    expect(schema.required).not.toContain('arrestId');
    const suspect = properties.suspects!.items as Record<string, unknown>;
    expect(suspect.properties).not.toHaveProperty('suspectId');
    expect(suspect.required).not.toContain('suspectId');
    expect(suspect.properties).toHaveProperty('person');
  });

  it('inlines every reference (OpenAPI has no #/definitions)', () => {
    expect(JSON.stringify(schema)).not.toContain('$ref');
    expect(JSON.stringify(schema)).not.toContain('$schema');
    expect(properties.location).toMatchObject({ type: 'object' });
  });
});
