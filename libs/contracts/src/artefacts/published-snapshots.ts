import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareSchemas, type CompatibilityProblem } from './schema-compatibility.js';

/**
 * The published schema snapshots committed under `libs/contracts/schemas/<release>/`, one
 * `<type>.schema.json` per event type. Once published, a snapshot never changes: the current classes
 * must stay compatible with every one of them.
 */
export function publishedSchemasDir(): string {
  // dist/artefacts/… and src/artefacts/… are both two levels below the package root.
  return fileURLToPath(new URL('../../schemas', import.meta.url));
}

export interface SnapshotProblem extends Omit<CompatibilityProblem, 'rule'> {
  /** The snapshot release folder (`v1`). */
  release: string;
  type: string;
  rule: CompatibilityProblem['rule'] | 'typeRemoved';
}

export interface SnapshotCheck {
  releases: string[];
  typesChecked: number;
  problems: SnapshotProblem[];
}

/** Checks the current schemas against every published release folder in `dir`. */
export function checkAgainstSnapshots(
  current: Record<string, object>,
  dir = publishedSchemasDir(),
): SnapshotCheck {
  const releases = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const problems: SnapshotProblem[] = [];
  let typesChecked = 0;
  for (const release of releases) {
    for (const file of readdirSync(join(dir, release))
      .filter((f) => f.endsWith('.schema.json'))
      .sort()) {
      const type = file.slice(0, -'.schema.json'.length);
      const published = JSON.parse(readFileSync(join(dir, release, file), 'utf8')) as Record<string, unknown>;
      typesChecked++;
      const now = current[type];
      if (!now) {
        problems.push({
          release,
          type,
          path: '(type)',
          rule: 'typeRemoved',
          message: 'event type no longer exists',
        });
        continue;
      }
      for (const problem of compareSchemas(published, now as Record<string, unknown>)) {
        problems.push({ release, type, ...problem });
      }
    }
  }
  return { releases, typesChecked, problems };
}
