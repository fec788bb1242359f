import { describe, expect, it } from '@jest/globals';
import { freePort } from '@simpul/bus/testing';
import { startServiceProcess, waitUntilHealthy } from '../support/service-process.js';

const services = ['police', 'ministry', 'immigration'] as const;

describe.each(services)('the %s service process', (name) => {
  it('boots, serves /health, /docs-json and /metrics, answers unknown routes in the error format, and exits 0 on SIGTERM', async () => {
    const service = startServiceProcess(name, await freePort());
    try {
      await waitUntilHealthy(service);

      const health = await (await fetch(`${service.baseUrl}/health`)).json();
      expect(health).toMatchObject({ service: name, status: 'ok' });

      const docs = (await (await fetch(`${service.baseUrl}/docs-json`)).json()) as { paths: object };
      expect(docs.paths).toHaveProperty('/health');

      const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
      expect(metrics).toContain(`simpul_${name}_process_cpu_user_seconds_total`);

      const missing = await fetch(`${service.baseUrl}/v1/nowhere`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'Cannot GET /v1/nowhere',
      });
    } finally {
      const exit = await service.stop();
      expect({ ...exit, output: exit.code === 0 ? '' : service.output() }).toEqual({
        code: 0,
        signal: null,
        output: '',
      });
    }
  });

  it('refuses to start on an invalid port, naming the variable and not its value', async () => {
    const variable = `${name.toUpperCase()}_PORT`;
    const service = startServiceProcess(name, 1, { [variable]: 'not-a-port' });
    const exit = await service.exited;
    expect(exit.code).not.toBe(0);
    expect(service.output()).toContain(`${variable}: fails rule`);
    expect(service.output()).not.toContain('not-a-port');
  });
});
