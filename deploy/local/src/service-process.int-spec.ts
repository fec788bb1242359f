// Regression (CI of 2026-12-02): another service answered /health on the ministry's port and the
// launcher took it for the ministry. waitForHealthy accepts only its own service, while alive.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { freePort } from '@simpul/bus/testing';
import type { ManagedProcess } from './managed-process.js';
import { waitForHealthy, type ServiceInstance } from './service-process.js';

let server: Server;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ service: 'immigration', status: 'ok' }));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const instance = (app: ServiceInstance['app'], pid: number): ServiceInstance => ({
  name: app,
  app,
  url,
  process: { pid } as ManagedProcess,
  restart: () => Promise.resolve(),
  stop: () => Promise.resolve(),
});

it('is healthy when its own service answers 200', async () => {
  await expect(waitForHealthy(instance('immigration', process.pid), 5000)).resolves.toBeUndefined();
});

it('refuses another service answering on its port', async () => {
  await expect(waitForHealthy(instance('ministry', process.pid), 5000)).rejects.toThrow(
    /answered by immigration, not ministry/,
  );
});

it('refuses an instance whose process is gone, whatever answers on its port', async () => {
  await expect(waitForHealthy(instance('immigration', 2 ** 22 + 1), 5000)).rejects.toThrow(
    /exited while starting/,
  );
});
