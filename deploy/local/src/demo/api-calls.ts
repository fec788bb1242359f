import { readFileSync } from 'node:fs';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls a service's public HTTP API as a unit (its token from the tokens file); throws on 4xx/5xx with the code. */
export type ApiCall = (
  base: string,
  unit: string,
  method: string,
  path: string,
  body?: unknown,
) => Promise<Json>;

export function apiCaller(tokensFile: string): ApiCall {
  const tokens = JSON.parse(readFileSync(tokensFile, 'utf8')) as Record<string, string>;
  return async (base, unit, method, path, body) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[unit]}`,
        'content-type': 'application/json',
        // Reads of personal data name the official and the purpose (audited, UU PDP art. 31).
        'simpul-official': 'demo operator',
        'simpul-purpose': 'case_handling',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Json;
    if (res.status >= 400) throw new Error(`${method} ${path} as ${unit}: ${res.status} ${json.code ?? ''}`);
    return json;
  };
}

/** Polls `probe` until it returns a value; throws naming `what` (and the last error) after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `timed out waiting for ${what}${lastError instanceof Error ? ` (${lastError.message})` : ''}`,
  );
}
