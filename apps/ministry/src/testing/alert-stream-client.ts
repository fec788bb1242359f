// A server-sent events client of GET /v1/alerts/stream for the integration tests: reads the stream
// in the background and hands out its events in order (comments such as heartbeats skipped).
import { waitFor } from '@simpul/bus/testing';
import type { AlertView } from '../alerts/alert.view.js';

export interface AlertStreamEvent {
  id: string;
  event: string;
  data: AlertView;
}

export interface AlertStreamClient {
  status: number;
  /** The next event not handed out yet, waiting for it. */
  next(description?: string): Promise<AlertStreamEvent>;
  /** The next `count` events. */
  take(count: number, description?: string): Promise<AlertStreamEvent[]>;
  /** Resolves once the server has ended the stream. */
  ended(): Promise<void>;
  close(): void;
}

export async function openAlertStream(
  baseUrl: string,
  token: string,
  options: { lastEventId?: string; after?: string } = {},
): Promise<AlertStreamClient> {
  const abort = new AbortController();
  const res = await fetch(`${baseUrl}/v1/alerts/stream${options.after ? `?after=${options.after}` : ''}`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
    },
    signal: abort.signal,
  });
  if (res.headers.get('content-type')?.startsWith('text/event-stream') !== true) {
    throw new Error(`not an event stream: ${res.status} ${await res.text()}`);
  }
  const events: AlertStreamEvent[] = [];
  let handedOut = 0;
  let done = false;
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = new Map<string, string>();
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(': ');
            fields.set(line.slice(0, colon), line.slice(colon + 2));
          }
          if (fields.has('data')) {
            events.push({
              id: fields.get('id')!,
              event: fields.get('event')!,
              data: JSON.parse(fields.get('data')!) as AlertView,
            });
          }
        }
      }
    } catch {
      // Aborted by close().
    } finally {
      done = true;
    }
  })();
  const client: AlertStreamClient = {
    status: res.status,
    async next(description = 'the next alert event') {
      await waitFor(() => events.length > handedOut, { description, timeoutMs: 15_000 });
      return events[handedOut++]!;
    },
    async take(count, description) {
      const taken: AlertStreamEvent[] = [];
      for (let i = 0; i < count; i++) taken.push(await client.next(description));
      return taken;
    },
    async ended() {
      await waitFor(() => done, { description: 'the server to end the stream' });
    },
    close: () => abort.abort(),
  };
  return client;
}
