import { useRef, useState } from 'react';
import { api, newIdempotencyKey, type Service } from '../../api/client';
import type { ApiError } from '../../api/errors';

/**
 * One form's writes with one Idempotency-Key until the service records: a double click or a retry
 * after a lost answer records once; a new key only once it has recorded. The service's field
 * problems come back in `error`, for the form's fields to show where the officer typed.
 */
export function useWrite<T>(service: Service = 'ministry') {
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<T>();
  const [busy, setBusy] = useState(false);
  // A second click arrives before React re-renders with `busy`: the ref sees it at once.
  const sending = useRef(false);
  const submit = async (path: string, body: unknown): Promise<T | undefined> => {
    if (sending.current) return undefined;
    sending.current = true;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<T>(service, path, { method: 'POST', body, idempotencyKey: key });
      setDone(answer);
      setKey(newIdempotencyKey());
      return answer;
    } catch (caught) {
      setError(caught as ApiError);
      return undefined;
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };
  return { submit, error, done, busy, reset: () => setDone(undefined) };
}

/** A blank text left out of a body, so the contract's rules (not the form) say what is missing. */
export function trimmedOrOmitted<K extends string>(name: K, value: string): Partial<Record<K, string>> {
  const trimmed = value.trim();
  return trimmed ? ({ [name]: trimmed } as Record<K, string>) : {};
}
