import { createServer, type Server } from 'node:http';
import { proxy } from './proxy.js';
import { serveStatic } from './static-files.js';
import { upstreamFor, type Upstreams } from './upstreams.js';

export interface ConsoleServerOptions {
  upstreams: Upstreams;
  webDir: string;
}

/**
 * Every answer keeps the page to its own origin: scripts, styles, data and frames only from here
 * (the API is reached through this server, so no CORS is ever needed), and no referrer leaves.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/**
 * The console's server (docs/console.md): the built pages at `/`, the three services' public APIs
 * under `/api/` (same origin: the page's token travels in a header the services check, never in a
 * URL), and `/health` for the launcher and probes.
 */
export function createConsoleServer(options: ConsoleServerOptions): Server {
  return createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    const url = req.url ?? '/';
    if (url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'ok', service: 'console' }));
      return;
    }
    if (url === '/api' || url.startsWith('/api/')) {
      const target = upstreamFor(url, options.upstreams);
      if (!target) {
        res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'no service answers this path' }),
        );
        return;
      }
      proxy(url.split('/')[2], target, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    serveStatic(options.webDir, url.split('?')[0], res);
  });
}
