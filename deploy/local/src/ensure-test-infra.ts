/**
 * Prints `export NAME=value` lines for scripts/test.sh: the nats-server binary the tests start their
 * own servers from, a PostgreSQL superuser URL under which each test file creates its own
 * database, and the chromium the console's browser tests drive. Installs or starts what is missing (see postgres.ts, nats-server.ts), or stops with one
 * sentence saying what to install.
 */
import { chromiumBinary } from './chromium.js';
import { LauncherError } from './install.js';
import { natsServerBinary } from './nats-server.js';
import { ensurePostgres } from './postgres.js';

const log = (line: string) => console.error(`simpul: ${line}`);

try {
  const natsServer = process.env.NATS_SERVER_BIN || natsServerBinary();
  const postgres = await ensurePostgres(log, process.env.TEST_DATABASE_URL || undefined);
  console.log(`export NATS_SERVER_BIN='${natsServer}'`);
  console.log(`export TEST_DATABASE_URL='${postgres.adminUrl}'`);
  console.log(`export CHROMIUM_BIN='${chromiumBinary()}'`);
} catch (error) {
  console.error(`simpul: ${error instanceof LauncherError ? error.message : String(error)}`);
  process.exit(1);
}
