import type { LocalTopology } from '@simpul/bus/operator';

/**
 * POSTs one control request to the launcher of a local national run; resolves with undefined when
 * it was done, else with the launcher's reason (or why it could not be asked).
 */
export async function callControl(topology: LocalTopology, path: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${topology.control}${path}`, {
      method: 'POST',
      signal: AbortSignal.timeout(90_000),
    });
    if (response.status === 204) return undefined;
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    return body.error ?? `the launcher answered ${response.status}`;
  } catch {
    return 'the launcher of the local national run does not answer: is `npm run start:all -- --topology national` running?';
  }
}
