import type { EntityManager } from 'typeorm';

export interface VersionedUpsert {
  /** Table name (optionally `schema.table`). */
  table: string;
  /** Columns identifying the row (a unique constraint must cover exactly these). */
  key: Record<string, unknown>;
  /** Integer version of the incoming state; stored in `versionColumn`. */
  version: number;
  /** Other columns to write. */
  values: Record<string, unknown>;
  /** Default `version`. */
  versionColumn?: string;
}

/** `inserted`: new row; `updated`: replaced an older version; `stale`: the stored version was the same or newer, nothing changed. */
export type VersionedUpsertResult = 'inserted' | 'updated' | 'stale';

/**
 * Writes state that carries a version so that an older version never overwrites a newer one
 * (docs/contract.md §3): a redelivered or retried event may overtake a later one. One statement:
 * INSERT … ON CONFLICT (key) DO UPDATE … WHERE stored.version < incoming.version.
 */
export async function versionedUpsert(
  manager: EntityManager,
  spec: VersionedUpsert,
): Promise<VersionedUpsertResult> {
  const versionColumn = spec.versionColumn ?? 'version';
  const keyColumns = Object.keys(spec.key);
  const valueColumns = Object.keys(spec.values).filter((c) => c !== versionColumn && !(c in spec.key));
  if (keyColumns.length === 0) throw new TypeError('versionedUpsert needs at least one key column');
  if (!Number.isSafeInteger(spec.version)) throw new TypeError('versionedUpsert needs an integer version');
  const columns = [...keyColumns, ...valueColumns, versionColumn];
  const params = [
    ...keyColumns.map((c) => spec.key[c]),
    ...valueColumns.map((c) => spec.values[c]),
    spec.version,
  ];
  const table = spec.table.split('.').map(ident).join('.');
  const updates = [...valueColumns, versionColumn]
    .map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`)
    .join(', ');
  const rows: Array<{ inserted: boolean }> = await manager.query(
    `INSERT INTO ${table} (${columns.map(ident).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (${keyColumns.map(ident).join(', ')}) DO UPDATE SET ${updates}
       WHERE ${table}.${ident(versionColumn)} < EXCLUDED.${ident(versionColumn)}
     RETURNING (xmax = 0) AS inserted`,
    params,
  );
  if (rows.length === 0) return 'stale';
  return rows[0]!.inserted ? 'inserted' : 'updated';
}

/** Quotes an SQL identifier (names come from code, but quoting keeps odd names and keywords safe). */
function ident(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new TypeError(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
}
