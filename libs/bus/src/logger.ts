/**
 * What the bus logs through. Nest's `Logger` fits as is. Log lines carry event ids, types,
 * subjects and codes only, never event bodies (docs/contract.md §9).
 */
export interface BusLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

export const consoleLogger = (prefix = 'bus'): BusLogger => ({
  log: (m) => console.log(`[${prefix}] ${m}`),
  warn: (m) => console.warn(`[${prefix}] ${m}`),
  error: (m) => console.error(`[${prefix}] ${m}`),
});

export const silentLogger: BusLogger = { log: () => {}, warn: () => {}, error: () => {} };
