import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline } from 'node:stream';
import type { UpstreamTarget } from './upstreams.js';

/** Request headers a page may send on to a service; everything else (cookies included) stays here. */
const FORWARDED_REQUEST_HEADERS = [
  'authorization',
  'content-type',
  'content-length',
  'accept',
  'accept-language',
  'idempotency-key',
  'last-event-id',
  'simpul-official',
  'simpul-purpose',
];

/** Response headers a service's answer keeps; hop-by-hop and server identity headers are dropped. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-length',
  'cache-control',
  'retry-after',
  'x-accel-buffering',
];

/**
 * Forwards one request to a service and streams its answer back (server-sent events included: the
 * body is piped as it comes, never buffered). A service that cannot be reached is a 502 in the API's
 * error shape, naming the service, not the address.
 */
export function proxy(
  service: string,
  target: UpstreamTarget,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const url = new URL(target.base + target.path);
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(url, { method: req.method, headers }, (answer) => {
    const kept: Record<string, string | string[]> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = answer.headers[name];
      if (value !== undefined) kept[name] = value;
    }
    res.writeHead(answer.statusCode ?? 502, kept);
    res.flushHeaders();
    // pipeline, not pipe: a service that dies mid-answer (an alert stream when the ministry
    // restarts) must end the page's response too, so the page sees the break and reconnects.
    pipeline(answer, res, () => undefined);
  });
  upstream.on('error', () => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        statusCode: 502,
        code: 'UPSTREAM_UNAVAILABLE',
        message: `the ${service} service cannot be reached`,
      }),
    );
  });
  // A page that goes away (a closed alert stream) ends the service's request too.
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}
