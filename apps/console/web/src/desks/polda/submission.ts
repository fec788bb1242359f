import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import type { ApiError } from '../../api/errors';

export interface Recorded {
  id: string;
  eventId: string;
}

/**
 * One form's submissions to the police API with one Idempotency-Key until it records: a double
 * click or a retry after a lost answer records once; a new key only once the record is made.
 */
export function useRecording(path: '/v1/arrests' | '/v1/interceptions') {
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<ApiError>();
  const [recorded, setRecorded] = useState<Recorded>();
  const [busy, setBusy] = useState(false);
  const submit = async (body: Record<string, unknown>) => {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      setRecorded(await api<Recorded>('police', path, { body, idempotencyKey: key }));
      setKey(newIdempotencyKey());
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return { submit, error, recorded, busy, reset: () => setRecorded(undefined) };
}
