import { LauncherError } from './install.js';

/** Runs `start`, then waits for SIGTERM/SIGINT and calls the returned `stop` (exit 0), or exits 1 on failure. */
export async function runUntilSignal(
  start: (log: (line: string) => void) => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  const log = (line: string) => console.log(`simpul: ${line}`);
  let stack: { stop(): Promise<void> } | undefined;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping what this launcher started`);
    void (stack?.stop() ?? Promise.resolve()).then(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    stack = await start(log);
    if (stopping) await stack.stop();
  } catch (error) {
    console.error(
      `simpul: ${error instanceof LauncherError ? error.message : error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }
}
