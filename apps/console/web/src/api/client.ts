import { ApiError } from './errors';
import { readSession } from '../session/session-storage';

/** The service a request goes to; the console's server forwards it (apps/console/src/server). */
export type Service = 'police' | 'ministry' | { immigration: string };

export interface RequestOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** One per form submission: a double click or a retry records once. */
  idempotencyKey?: string;
  /** A personal-data read: who reads and why (audited by the service). */
  access?: { official: string; purpose: string };
  /** A token other than the session's (sign-in checks one before keeping it). */
  token?: string;
  signal?: AbortSignal;
}

export function apiPath(service: Service, path: string): string {
  const prefix = typeof service === 'string' ? `/api/${service}` : `/api/immigration/${service.immigration}`;
  return prefix + path;
}

/** Headers of every request: the token in Authorization (never in a URL). */
export function requestHeaders(
  options: Pick<RequestOptions, 'token' | 'idempotencyKey' | 'access'>,
): Headers {
  const headers = new Headers({ accept: 'application/json' });
  const token = options.token ?? readSession()?.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (options.idempotencyKey) headers.set('idempotency-key', options.idempotencyKey);
  if (options.access) {
    headers.set('simpul-official', options.access.official);
    headers.set('simpul-purpose', options.access.purpose);
  }
  return headers;
}

/** Calls a service's API and returns its JSON, or throws ApiError with its code and field problems. */
export async function api<T>(service: Service, path: string, options: RequestOptions = {}): Promise<T> {
  const headers = requestHeaders(options);
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  let response: Response;
  try {
    response = await fetch(apiPath(service, path), {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a proxy's error page): the status alone tells what happened.
  }
  if (response.status === 401 && !options.token) {
    // The session's token was refused (revoked while signed in): the session ends here.
    window.dispatchEvent(new Event(SESSION_REFUSED));
  }
  if (!response.ok) {
    const body = (json ?? {}) as { code?: string; message?: string; details?: ApiError['details'] };
    throw new ApiError(response.status, body.code ?? 'HTTP_ERROR', body.message ?? '', body.details ?? []);
  }
  return json as T;
}

/** Sent on `window` when a service refuses the session's token; the session provider signs out. */
export const SESSION_REFUSED = 'simpul:session-refused';

/** A fresh key for one form submission. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
