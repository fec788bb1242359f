import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@simpul/bus/testing';
import { allUnitIds, loadReferenceUnits } from '../../deploy/local/src/reference-units.js';
import { startServiceProcess } from '../support/service-process.js';
import { startTestSystem, type TestSystem } from '../support/local-system.js';

const services = ['police', 'ministry', 'immigration'] as const;
let system: TestSystem;
const PROTECTED_ROUTE = {
  police: '/v1/matches',
  ministry: '/v1/alerts',
  immigration: '/v1/watchlist/status',
};

beforeAll(async () => {
  system = await startTestSystem('boot');
}, 120_000);
afterAll(() => system?.stop(), 30_000);

describe('the three services as the launcher starts them', () => {
  it('writes an API token for every reference unit before any service answers', () => {
    const tokens = JSON.parse(readFileSync(system.stack.tokensFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(tokens).sort()).toEqual(allUnitIds(loadReferenceUnits()).sort());
    expect(system.stack.tokensFile).toBe(join(system.stateDir, 'tokens.json'));
  });

  it.each(services)(
    '%s serves /health (database and NATS up), /docs-json, /metrics and JSON errors',
    async (name) => {
      const base = system.stack.urls[name];
      const health = (await (await fetch(`${base}/health`)).json()) as { status: string; checks: object };
      expect(health).toMatchObject({ service: name, status: 'ok' });
      expect(Object.keys(health.checks)).toEqual(expect.arrayContaining(['database', 'nats']));

      const docs = (await (await fetch(`${base}/docs-json`)).json()) as { paths: object };
      expect(Object.keys(docs.paths).some((path) => path.startsWith('/v1/'))).toBe(true);

      expect(await (await fetch(`${base}/metrics`)).text()).toContain(
        `simpul_${name}_process_cpu_user_seconds_total`,
      );

      const missing = await fetch(`${base}/v1/nowhere`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        statusCode: 404,
        code: 'NOT_FOUND',
        message: 'Cannot GET /v1/nowhere',
      });

      const unauthenticated = await fetch(`${base}${PROTECTED_ROUTE[name]}`, {
        headers: { authorization: 'Bearer not-a-registered-token' },
      });
      expect(unauthenticated.status).toBe(401);
      expect(await unauthenticated.json()).toMatchObject({ statusCode: 401, code: 'AUTH.TOKEN_UNKNOWN' });
    },
  );

  it('stops every service gracefully on SIGTERM', async () => {
    await system.stack.stop();
    for (const name of services) {
      const log = readFileSync(join(system.stateDir, 'logs', `${name}.log`), 'utf8');
      expect(log).toContain('SIGTERM received: shutting down');
      expect(log).not.toContain('shutdown took longer');
    }
    const after = await fetch(`${system.stack.urls.police}/health`).catch(() => undefined);
    expect(after).toBeUndefined();
  });
});

describe.each(services)('the %s service process', (name) => {
  it('refuses to start on an invalid port, naming the variable and not its value', async () => {
    const variable = `${name.toUpperCase()}_PORT`;
    const service = startServiceProcess(name, await freePort(), { [variable]: 'not-a-port' });
    const exit = await service.exited;
    expect(exit.code).not.toBe(0);
    expect(service.output()).toContain(`${variable}: fails rule`);
    expect(service.output()).not.toContain('not-a-port');
  });

  // Regression: the services defaulted to key, token and unit files inside the repository, so a
  // production start without them silently used a developer's files.
  it('refuses to start without the files a deployment must give it, naming each', async () => {
    const service = startServiceProcess(name, await freePort(), {
      SIMPUL_KEYS_DIR: '',
      TOKEN_HASHES_FILE: '',
      REFERENCE_UNITS_FILE: '',
      IMMIGRATION_CHECKPOINTS: '',
    });
    const exit = await service.exited;
    expect(exit.code).not.toBe(0);
    for (const variable of ['SIMPUL_KEYS_DIR', 'TOKEN_HASHES_FILE']) {
      expect(service.output()).toContain(`${variable}: fails rule`);
    }
    const perService = {
      police: 'REFERENCE_UNITS_FILE',
      ministry: 'REFERENCE_UNITS_FILE',
      immigration: 'IMMIGRATION_CHECKPOINTS',
    };
    expect(service.output()).toContain(`${perService[name]}: fails rule`);
  });
});
