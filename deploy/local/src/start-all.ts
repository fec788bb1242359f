/**
 * `npm run start:all [-- --topology national]`: the infrastructure and the services, nothing played.
 * The single-server run is the default; `--topology national` starts the hub cluster, the sites'
 * leaf nodes and their links (docs/contract.md §11). Both serve the console (docs/console.md). Stops everything it started on SIGTERM or
 * Ctrl-C (within 10 s).
 */
import { startNationalStack } from './national/national-stack.js';
import { runUntilSignal } from './run-until-signal.js';
import { startLocalStack } from './local-stack.js';
import { topologyFromArgs } from './topology-choice.js';

await runUntilSignal(async (log) => {
  if (topologyFromArgs(process.argv.slice(2)) === 'national') {
    const stack = await startNationalStack({ log });
    log(
      `ready (national): console ${stack.consoleUrl}/; topology in ${stack.topology.control ? '.simpul/topology.json' : ''}; API tokens in ${stack.tokensFile}; ` +
        '`npx simpul site status`, `npx simpul site link <site> down|up`; Ctrl-C stops everything started here',
    );
    return stack;
  }
  const stack = await startLocalStack(log);
  log(
    `ready: console ${stack.consoleUrl}/; API tokens in ${stack.tokensFile}; Ctrl-C stops everything started here`,
  );
  return stack;
});
