/**
 * The console's server process: `node apps/console/dist/main.js`, started by `npm run start:all`
 * and `npm run demo` on http://127.0.0.1:3100/ (CONSOLE_PORT).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '@simpul/http';
import { loadConsoleConfig } from './config/console.config.js';
import { createConsoleServer } from './server/console-server.js';
import { parseCheckpointUrls } from './server/upstreams.js';

let config;
try {
  config = loadConsoleConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`console: ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const server = createConsoleServer({
  upstreams: {
    police: config.CONSOLE_POLICE_URL,
    ministry: config.CONSOLE_MINISTRY_URL,
    immigration: config.CONSOLE_IMMIGRATION_URL,
    checkpoints: parseCheckpointUrls(config.CONSOLE_CHECKPOINT_URLS),
  },
  webDir: config.CONSOLE_WEB_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'web'),
});

server.listen(config.CONSOLE_PORT, config.CONSOLE_HOST, () => {
  console.log(`console listening on http://${config.CONSOLE_HOST}:${config.CONSOLE_PORT}/`);
});

const stop = () => {
  server.close(() => process.exit(0));
  // Open alert streams hold connections: close them rather than wait.
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
