import type { JsMsg } from '@nats-io/jetstream';

/**
 * Calls `working()` on `messages` every `ackWaitMs / 3` (at least 250 ms) so their ack timers do
 * not run out while they are processed or held; returns the function that stops it. A throw from
 * `working()` (the connection closed) is swallowed: thrown from a timer it would be an uncaught
 * exception that ends the process, and the server redelivers after the ack wait anyway.
 */
export function keepAlive(messages: readonly JsMsg[], ackWaitMs: number): () => void {
  const timer = setInterval(
    () => {
      for (const msg of messages) {
        try {
          msg.working();
        } catch {
          // Closed connection: nothing to keep alive until it is back.
        }
      }
    },
    Math.max(ackWaitMs / 3, 250),
  );
  return () => clearInterval(timer);
}
