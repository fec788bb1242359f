import { apiPath, requestHeaders, SESSION_REFUSED } from './client';

/**
 * The ministry sends a heartbeat comment every 15 s: a stream silent for longer than this has
 * broken somewhere between the service and the page, and is opened again.
 */
export const SILENCE_LIMIT_MS = 45_000;

export interface StreamEvent {
  id?: string;
  event: string;
  data: string;
}

/**
 * Reads a server-sent event stream with fetch (a browser's EventSource cannot send the
 * Authorization header, and the token never goes in a URL). Reconnects after a dropped connection,
 * or one silent for longer than SILENCE_LIMIT_MS, with the last event's id in `Last-Event-ID`, so
 * the service sends what was missed; stops when `signal` aborts or the token is refused.
 * `onState` tells the page whether the feed is live.
 */
export function followStream(
  path: string,
  onEvent: (event: StreamEvent) => void,
  onState: (state: 'live' | 'reconnecting' | 'refused') => void,
  signal: AbortSignal,
): void {
  let lastId: string | undefined;
  let delayMs = 500;

  /** One connection, until it ends: 'refused' when the service will not serve this token. */
  const follow = async (): Promise<'ended' | 'refused'> => {
    const connection = new AbortController();
    const stop = () => connection.abort();
    signal.addEventListener('abort', stop, { once: true });
    let watchdog = setTimeout(stop, SILENCE_LIMIT_MS);
    const heard = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(stop, SILENCE_LIMIT_MS);
    };
    try {
      const headers = requestHeaders({});
      headers.set('accept', 'text/event-stream');
      if (lastId) headers.set('last-event-id', lastId);
      const response = await fetch(apiPath('ministry', path), { headers, signal: connection.signal });
      if (response.status === 401) window.dispatchEvent(new Event(SESSION_REFUSED));
      if (response.status === 401 || response.status === 403) return 'refused';
      if (!response.ok || !response.body) return 'ended';
      onState('live');
      delayMs = 500;
      await readEvents(response.body, heard, (event) => {
        if (event.id) lastId = event.id;
        onEvent(event);
      });
      return 'ended';
    } finally {
      clearTimeout(watchdog);
      signal.removeEventListener('abort', stop);
    }
  };

  const run = async (): Promise<void> => {
    while (!signal.aborted) {
      try {
        if ((await follow()) === 'refused') {
          onState('refused');
          return;
        }
      } catch {
        // A broken or silent connection: open another.
      }
      if (signal.aborted) return;
      onState('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      delayMs = Math.min(delayMs * 2, 10_000);
    }
  };
  void run();
}

/** Parses `text/event-stream` as it arrives (https://html.spec.whatwg.org/#event-stream-interpretation). */
async function readEvents(
  body: ReadableStream<BufferSource>,
  heard: () => void,
  onEvent: (event: StreamEvent) => void,
): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let current: StreamEvent = { event: 'message', data: '' };
  let hasData = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    heard();
    buffer += value;
    let newline: number;
    while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
      if (line === '') {
        if (hasData) onEvent({ ...current, data: current.data.replace(/\n$/, '') });
        current = { event: 'message', data: '' };
        hasData = false;
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') {
        current.data += `${fieldValue}\n`;
        hasData = true;
      } else if (field === 'event') current.event = fieldValue;
      else if (field === 'id') current.id = fieldValue;
    }
  }
}
