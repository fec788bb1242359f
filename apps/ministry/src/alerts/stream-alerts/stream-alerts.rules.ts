import type { AlertView } from '../alert.view.js';

/** A comment line: ignored by EventSource, it keeps an idle connection from being timed out. */
export const HEARTBEAT_FRAME = ': heartbeat\n\n';

/**
 * One alert as a server-sent event: `id:` its change_seq (the cursor a client reconnects with,
 * Last-Event-ID or `?after=`), `event: alert`, `data:` the alert's view as GET /v1/alerts answers
 * it, on one line (JSON.stringify escapes every newline).
 */
export function alertEventFrame(changeSeq: string, view: AlertView): string {
  return `id: ${changeSeq}\nevent: alert\ndata: ${JSON.stringify(view)}\n\n`;
}

/** The largest cursor a client may send (change_seq is a bigint; JavaScript integers are exact up to here). */
export const MAX_ALERT_CURSOR = Number.MAX_SAFE_INTEGER;
