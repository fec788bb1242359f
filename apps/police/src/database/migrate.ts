// The explicit migration step: `node apps/police/dist/database/migrate.js` applies every pending
// migration of the police database (bus tables included) and exits 0; a failure exits 1 naming the
// error class only (a database error may quote row values).
import 'reflect-metadata';
import { loadConfig } from '@simpul/http';
import { DataSource } from 'typeorm';
import { PoliceMigrationConfig } from '../config/police.config.js';
import { policeDataSourceOptions } from './data-source-options.js';

const config = loadConfig(PoliceMigrationConfig);
// No statement timeout: a migration may rewrite a large table (lock and idle limits stay).
const dataSource = new DataSource(
  policeDataSourceOptions(config.POLICE_DATABASE_URL, { statementTimeoutMs: 0 }),
);
try {
  await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(`police: ${applied.length} migration(s) applied`);
  await dataSource.destroy();
  process.exit(0);
} catch (error) {
  const code = (error as { code?: unknown }).code;
  console.error(
    `police: migration failed: ${error instanceof Error ? error.name : 'error'}${typeof code === 'string' ? ` (${code})` : ''}`,
  );
  if (dataSource.isInitialized) await dataSource.destroy();
  process.exit(1);
}
