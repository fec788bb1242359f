import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@simpul/bus/testing';
import { createConsoleServer } from './console-server.js';

// The console's server over real sockets. The services behind it are stand-ins (plain node:http
// servers of this test) because what is under test is the forwarding itself: which paths, which
// headers, streaming, failures. The real services behind the real server: test/e2e/console.e2e-spec.ts.
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let webDir: string;
let consoleServer: Server;
let ministry: Server;
let base: string;
const seen: Seen[] = [];
let streamResponse: ServerResponse | undefined;
let streamClosed = false;

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'simpul-console-web-'));
  mkdirSync(join(webDir, 'assets'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Simpul</title>');
  writeFileSync(join(webDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'simpul-console-secret.txt'), 'outside the web dir');

  ministry = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url === '/v1/alerts/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'set-cookie': 'x=1', server: 'nest' });
        res.write('id: 1\nevent: alert\ndata: {"alertId":"a1"}\n\n');
        streamResponse = res;
        res.on('close', () => (streamClosed = true));
        return;
      }
      const missing = req.url!.startsWith('/v1/missing');
      res.writeHead(missing ? 404 : 201, {
        'content-type': missing ? 'application/problem+json' : 'application/json',
        'x-powered-by': 'Express',
      });
      res.end(JSON.stringify(missing ? { statusCode: 404, code: 'MINISTRY.CASE_NOT_FOUND' } : { ok: true }));
    });
  });
  const ministryPort = await freePort();
  await listen(ministry, ministryPort);
  const unreachable = await freePort(); // nothing listens there
  consoleServer = createConsoleServer({
    upstreams: {
      police: `http://127.0.0.1:${unreachable}`,
      ministry: `http://127.0.0.1:${ministryPort}`,
      immigration: `http://127.0.0.1:${unreachable}`,
      checkpoints: {},
    },
    webDir,
  });
  const port = await freePort();
  await listen(consoleServer, port);
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  streamResponse?.end();
  consoleServer.closeAllConnections();
  await new Promise((resolve) => consoleServer.close(resolve));
  ministry.closeAllConnections();
  await new Promise((resolve) => ministry.close(resolve));
  rmSync(webDir, { recursive: true, force: true });
  rmSync(join(tmpdir(), 'simpul-console-secret.txt'), { force: true });
});

/**
 * A raw GET that sends the path exactly as written: a URL string would be resolved first (both
 * `..` and `%2e%2e` are dot segments to the WHATWG parser), so no traversal would reach the server.
 */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the console's server", () => {
  it('answers /health as the console', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ status: 'ok', service: 'console' });
  });

  it('keeps every page to its own origin: a strict CSP, no CORS, no sniffing, no framing, no referrer', async () => {
    for (const path of ['/', '/api/ministry/v1/alerts', '/api/unknown']) {
      const res = await fetch(`${base}${path}`, { headers: { origin: 'https://elsewhere.example' } });
      const csp = res.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      // No CORS header of any kind: the page reaches the API on its own origin.
      expect([...res.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });

  it("serves the pages: the router's paths get index.html, hashed assets are cached for good", async () => {
    const page = await fetch(`${base}/ministry/alerts`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    await expect(page.text()).resolves.toContain('<title>Simpul</title>');
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it.each([
    '/../simpul-console-secret.txt',
    '/%2e%2e/simpul-console-secret.txt',
    '/%2E%2E/simpul-console-secret.txt',
    '/..%2fsimpul-console-secret.txt',
    '/assets/../../simpul-console-secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsimpul-console-secret.txt',
  ])('never serves a file outside the pages (%s): the page instead', async (path) => {
    // The file sits in the web dir's parent, so a path that left the web dir would find it.
    const res = await rawGet(path);
    expect(res.body).not.toContain('outside the web dir');
    expect(res).toEqual({ status: 200, body: '<!doctype html><title>Simpul</title>' });
  });

  it('refuses to write to a page path', async () => {
    const res = await fetch(`${base}/ministry/alerts`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each(['/api', '/api/unknown', '/api/unknown/v1/x', '/api/ministry/health'])(
    'answers 404 in the API error shape for %s, which no service answers',
    async (path) => {
      seen.length = 0;
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
      await expect(res.json()).resolves.toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      expect(seen).toEqual([]);
    },
  );

  it("forwards the API's method, body and headers, and nothing else of the page's", async () => {
    seen.length = 0;
    const res = await fetch(`${base}/api/ministry/v1/watchlist?status=active`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer t0ken',
        'content-type': 'application/json',
        'idempotency-key': 'k-1',
        'simpul-official': '1987',
        'simpul-purpose': 'case_handling',
        cookie: 'session=secret',
        'x-forwarded-for': '10.0.0.1',
      },
      body: JSON.stringify({ legalType: 'advisory' }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    // Service details stay behind the console.
    expect(res.headers.get('x-powered-by')).toBeNull();
    await expect(res.json()).resolves.toEqual({ ok: true });
    const request = seen[0]!;
    expect(request).toMatchObject({
      method: 'POST',
      url: '/v1/watchlist?status=active',
      body: '{"legalType":"advisory"}',
    });
    expect(request.headers).toMatchObject({
      authorization: 'Bearer t0ken',
      'idempotency-key': 'k-1',
      'simpul-official': '1987',
      'simpul-purpose': 'case_handling',
    });
    expect(request.headers.cookie).toBeUndefined();
    expect(request.headers['x-forwarded-for']).toBeUndefined();
  });

  it("passes a service's refusal through as it is", async () => {
    const res = await fetch(`${base}/api/ministry/v1/missing`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    await expect(res.json()).resolves.toEqual({ statusCode: 404, code: 'MINISTRY.CASE_NOT_FOUND' });
  });

  it('streams server-sent events as they come, and a page that leaves ends the service request', async () => {
    streamClosed = false;
    const stop = new AbortController();
    const res = await fetch(`${base}/api/ministry/v1/alerts/stream`, {
      headers: { authorization: 'Bearer t0ken', 'last-event-id': '7' },
      signal: stop.signal,
    });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(seen.at(-1)!.headers['last-event-id']).toBe('7');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    // The first event arrives while the service still holds the stream open.
    const first = await reader.read();
    expect(first.value).toContain('data: {"alertId":"a1"}');
    streamResponse!.write('id: 2\nevent: alert\ndata: {"alertId":"a2"}\n\n');
    const second = await reader.read();
    expect(second.value).toContain('"a2"');
    stop.abort();
    await waitFor(() => streamClosed, { description: "the service's stream to close" });
  });

  it("ends the page's stream when the service dies mid-answer", async () => {
    const res = await fetch(`${base}/api/ministry/v1/alerts/stream`, {
      headers: { authorization: 'Bearer t' },
    });
    const reader = res.body!.getReader();
    await reader.read();
    streamResponse!.destroy(); // the ministry's process is gone
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow();
  });

  it('answers 502 naming the service, not its address, when the service cannot be reached', async () => {
    const res = await fetch(`${base}/api/police/v1/arrests`);
    expect(res.status).toBe(502);
    const body = (await res.json()) as { statusCode: number; code: string; message: string };
    expect(body).toMatchObject({ statusCode: 502, code: 'UPSTREAM_UNAVAILABLE' });
    expect(body.message).toContain('police');
    expect(body.message).not.toContain('127.0.0.1');
  });
});
