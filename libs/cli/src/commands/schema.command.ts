import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildAsyncApi, checkAgainstSnapshots, EVENT_REGISTRY, generateJsonSchemas } from '@simpul/contracts';

/**
 * `simpul schema export <dir>`: one `<type>.schema.json` per event type and `asyncapi.yaml`, all
 * generated from the contract classes. `simpul schema check [--snapshots <dir>]`: fails (exit 1)
 * on any change that would break a holder of a published snapshot (libs/contracts/schemas/).
 */
export async function run(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  if (action === 'export' && rest.length === 1) return exportSchemas(rest[0]);
  if (action === 'check' && (rest.length === 0 || (rest.length === 2 && rest[0] === '--snapshots'))) {
    return check(rest[1]);
  }
  console.error('usage: simpul schema export <dir> | simpul schema check [--snapshots <dir>]');
  return 2;
}

/** The AsyncAPI document of the current catalogue, from the same generated schemas. */
export function currentAsyncApi(schemas = generateJsonSchemas()): Record<string, unknown> {
  return buildAsyncApi(
    Object.values(EVENT_REGISTRY).map((info) => ({
      type: info.type,
      subject: info.subjectTemplate,
      schema: schemas[info.type] as Record<string, unknown>,
    })),
  );
}

async function exportSchemas(dir: string): Promise<number> {
  const schemas = generateJsonSchemas();
  await mkdir(dir, { recursive: true });
  for (const [type, schema] of Object.entries(schemas)) {
    await writeFile(join(dir, `${type}.schema.json`), `${JSON.stringify(schema, null, 2)}\n`);
  }
  await writeFile(
    join(dir, 'asyncapi.yaml'),
    stringify(currentAsyncApi(schemas), { aliasDuplicateObjects: false }),
  );
  console.log(`exported ${Object.keys(schemas).length} JSON Schemas and asyncapi.yaml to ${dir}`);
  return 0;
}

function check(snapshotsDir?: string): number {
  const result = checkAgainstSnapshots(generateJsonSchemas(), snapshotsDir);
  if (result.releases.length === 0) {
    console.error('simpul: no published snapshots found to check against');
    return 1;
  }
  for (const problem of result.problems) {
    console.log(`${problem.release}/${problem.type}: ${problem.path}: ${problem.rule}: ${problem.message}`);
  }
  const summary = `${result.typesChecked} published schemas in ${result.releases.join(', ')}`;
  if (result.problems.length > 0) {
    console.log(`incompatible: ${result.problems.length} breaking changes against ${summary}`);
    return 1;
  }
  console.log(`compatible with ${summary}`);
  return 0;
}
