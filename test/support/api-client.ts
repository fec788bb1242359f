import { readFileSync } from 'node:fs';
import type { TestSystem } from './local-system.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type ServiceName = 'police' | 'ministry' | 'immigration';

export interface ApiResponse {
  status: number;
  body: Json;
}

export interface ApiClient {
  /** Calls `method path` on `service` with the bearer token of `unit` (from the system's tokens.json). */
  call(
    service: ServiceName,
    unit: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse>;
  /** Like call(), but throws (naming the route and the error code, never the body sent) unless 2xx. */
  ok(service: ServiceName, unit: string, method: string, path: string, body?: unknown): Promise<Json>;
}

/** A black-box HTTP client for a test system: only the public APIs, authenticated per unit. */
export function apiClient(system: Pick<TestSystem, 'stack'>): ApiClient {
  const tokens = JSON.parse(readFileSync(system.stack.tokensFile, 'utf8')) as Record<string, string>;
  const call = async (
    service: ServiceName,
    unit: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<ApiResponse> => {
    const token = tokens[unit];
    if (!token) throw new Error(`no token for ${unit} in ${system.stack.tokensFile}`);
    const res = await fetch(`${system.stack.urls[service]}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        // Reads of personal data name the official and the purpose (audited, UU PDP art. 31).
        'simpul-official': 'e2e test',
        'simpul-purpose': 'case_handling',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Json };
  };
  return {
    call,
    async ok(service, unit, method, path, body) {
      const res = await call(service, unit, method, path, body);
      if (res.status < 200 || res.status >= 300) {
        throw new Error(`${method} ${service}${path} as ${unit}: ${res.status} ${res.body.code ?? ''}`);
      }
      return res.body;
    },
  };
}
