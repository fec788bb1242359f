/**
 * `npm run start:all`: the infrastructure and the three services, nothing played. Stops everything
 * it started on SIGTERM or Ctrl-C (within 10 s).
 */
import { runUntilSignal } from './run-until-signal.js';
import { startLocalStack } from './local-stack.js';

await runUntilSignal(async (log) => {
  const stack = await startLocalStack(log);
  log(`ready: API tokens in ${stack.tokensFile}; Ctrl-C stops everything started here`);
  return stack;
});
