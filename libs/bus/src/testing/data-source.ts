import { DataSource, type DataSourceOptions } from 'typeorm';
import { pgPoolExtra } from '../config/database-session.js';
import { BUS_MIGRATIONS } from '../outbox/migrations.js';

/**
 * A TypeORM DataSource on a test database with the bus tables migrated, plus whatever extra
 * migrations a test needs for its effect tables.
 */
export async function createTestDataSource(
  url: string,
  extra: { migrations?: NonNullable<DataSourceOptions['migrations']>; poolSize?: number } = {},
): Promise<DataSource> {
  const migrations = [
    ...BUS_MIGRATIONS,
    ...((extra.migrations as unknown[]) ?? []),
  ] as DataSourceOptions['migrations'];
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    migrations,
    synchronize: false,
    logging: false,
    poolSize: extra.poolSize ?? 10,
    // The services' session limits, so tests run under what production runs under.
    extra: pgPoolExtra(),
  });
  await dataSource.initialize();
  await dataSource.runMigrations();
  return dataSource;
}
