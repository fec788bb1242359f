import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_TYPES, publishedSchemasDir } from '@simpul/contracts';
import { validFixtures } from '@simpul/contracts/testing';
import { run } from './schema.command.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-schema-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs the command with console output captured. */
async function runCaptured(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  const error = jest
    .spyOn(console, 'error')
    .mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    return { code: await run(args), out: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe('simpul schema export', () => {
  it('writes one JSON Schema per event type and an AsyncAPI 3.0 document the official parser accepts', async () => {
    const dir = tempDir();
    expect((await runCaptured(['export', dir])).code).toBe(0);

    const files = readdirSync(dir).sort();
    expect(files).toEqual([...EVENT_TYPES.map((type) => `${type}.schema.json`), 'asyncapi.yaml'].sort());

    const { document, diagnostics } = await new Parser().parse(
      readFileSync(join(dir, 'asyncapi.yaml'), 'utf8'),
    );
    const errors = diagnostics.filter((d) => d.severity === 0);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
    expect(
      document
        ?.channels()
        .all()
        .map((c) => c.address()),
    ).toContain('police.{polda}.arrest.recorded');
    expect(document?.messages().all().length).toBe(EVENT_TYPES.length);
  });

  it('writes schemas that accept the library’s valid fixtures', async () => {
    const dir = tempDir();
    await runCaptured(['export', dir]);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    for (const type of EVENT_TYPES) {
      const validate = ajv.compile(JSON.parse(readFileSync(join(dir, `${type}.schema.json`), 'utf8')));
      expect({ type, valid: validate(validFixtures[type]), errors: validate.errors ?? null }).toEqual({
        type,
        valid: true,
        errors: null,
      });
    }
  });
});

describe('simpul schema check', () => {
  it('passes against the committed v1 snapshots', async () => {
    const { code, out } = await runCaptured(['check']);
    expect(out).toContain('compatible with');
    expect(code).toBe(0);
  });

  it('fails, naming the type and field, when a published field no longer exists', async () => {
    const dir = tempDir();
    cpSync(publishedSchemasDir(), dir, { recursive: true });
    const file = join(dir, 'v1', 'police.arrest.recorded.v1.schema.json');
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    // A snapshot that had a field the classes no longer have = the field was removed or renamed.
    const data = schema.definitions.PoliceArrestRecordedV1;
    data.properties.legacyField = { type: 'string' };
    writeFileSync(file, JSON.stringify(schema));

    const { code, out } = await runCaptured(['check', '--snapshots', dir]);
    expect(code).toBe(1);
    expect(out).toContain('v1/police.arrest.recorded.v1: data.legacyField: propertyRemoved');
  });

  it('fails when a published event type disappears', async () => {
    const dir = tempDir();
    cpSync(publishedSchemasDir(), dir, { recursive: true });
    writeFileSync(join(dir, 'v1', 'police.arrest.cancelled.v1.schema.json'), '{"type":"object"}');
    const { code, out } = await runCaptured(['check', '--snapshots', dir]);
    expect(code).toBe(1);
    expect(out).toContain('v1/police.arrest.cancelled.v1: (type): typeRemoved');
  });

  it('refuses to pass when there is nothing to check against', async () => {
    expect((await runCaptured(['check', '--snapshots', tempDir()])).code).toBe(1);
  });
});
