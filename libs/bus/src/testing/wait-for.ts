export interface WaitForOptions {
  /** Give up after this long, in milliseconds. Default 10000. */
  timeoutMs?: number;
  /** Re-check interval, in milliseconds. Default 20. */
  intervalMs?: number;
  /** Named in the timeout error. */
  description?: string;
}

/**
 * Waits for a state, never for a time (docs/conventions.md §11): re-evaluates `predicate` until it
 * returns a truthy value (which is returned) or the timeout passes (which throws, naming what was
 * awaited and the last value or error seen).
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 20;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const seen = last instanceof Error ? `${last.name}: ${last.message}` : JSON.stringify(last);
      throw new Error(
        `waitFor timed out after ${timeoutMs} ms${options.description ? ` waiting for ${options.description}` : ''} (last: ${seen})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
