// The explicit migration step (docs/conventions.md §9): `node apps/ministry/dist/database/migrate.js`.
import 'reflect-metadata';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@simpul/http';
import { DataSource } from 'typeorm';
import { MinistryMigrationConfig } from '../config/ministry.config.js';
import { ministryDataSourceOptions } from './data-source-options.js';

/** Applies every pending migration to the ministry database; returns the names applied. */
export async function migrateMinistry(url: string): Promise<string[]> {
  // No statement timeout: a migration may rewrite a large table (lock and idle limits stay).
  const dataSource = new DataSource(ministryDataSourceOptions(url, { statementTimeoutMs: 0 }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  try {
    const config = loadConfig(MinistryMigrationConfig);
    const applied = await migrateMinistry(config.MINISTRY_DATABASE_URL);
    console.log(`ministry: ${applied.length} migration(s) applied`);
    process.exit(0);
  } catch (error) {
    // Names and codes only: a connection error message could carry the URL with its password.
    const code = (error as { code?: string }).code;
    console.error(
      `ministry: migration failed: ${error instanceof Error ? error.name : 'error'}${code ? ` (${code})` : ''}`,
    );
    process.exit(1);
  }
}
