// The explicit migration step (docs/conventions.md §9): `node apps/immigration/dist/database/migrate.js`.
import 'reflect-metadata';
import { loadConfig } from '@simpul/http';
import { DataSource } from 'typeorm';
import { ImmigrationMigrationConfig } from '../config/immigration.config.js';
import { immigrationDataSourceOptions } from './data-source-options.js';

const config = loadConfig(ImmigrationMigrationConfig);
// No statement timeout: a migration may rewrite a large table (lock and idle limits stay).
const dataSource = new DataSource(
  immigrationDataSourceOptions(config.IMMIGRATION_DATABASE_URL, { statementTimeoutMs: 0 }),
);
try {
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(`immigration: ${applied.length} migration(s) applied`);
  await dataSource.destroy();
  process.exit(0);
} catch (error) {
  // Names only: a database error may quote a row.
  console.error(`immigration: migration failed: ${error instanceof Error ? error.name : 'error'}`);
  await dataSource.destroy().catch(() => undefined);
  process.exit(1);
}
