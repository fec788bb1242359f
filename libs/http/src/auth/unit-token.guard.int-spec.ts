import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ApiExceptionFilter } from '../errors/api-exception.filter.js';
import { HttpEdgeModule } from '../http-edge.module.js';
import { CurrentUnit } from './current-unit.decorator.js';
import { hashToken, TokenRegistry } from './token-registry.js';
import { assertActsFor } from './unit-token.guard.js';
import type { Unit } from './unit.js';

const RIAU_TOKEN = 'riau-token-0123456789abcdef';

@Controller('v1/whoami')
class WhoAmIController {
  @Get()
  whoami(@CurrentUnit() unit: Unit): Unit {
    return unit;
  }

  @Post('echo')
  echo(@Body() body: unknown): unknown {
    return body;
  }

  @Get('kepri')
  kepriOnly(@CurrentUnit() unit: Unit): string {
    assertActsFor(unit, 'polda:kepri');
    return 'ok';
  }
}

@Module({
  imports: [
    HttpEdgeModule.forService('test', {
      tokens: new TokenRegistry({ [hashToken(RIAU_TOKEN)]: 'polda:riau' }),
    }),
  ],
  controllers: [WhoAmIController],
})
class TestModule {}

let app: INestApplication;
let base: string;

beforeAll(async () => {
  app = await NestFactory.create(TestModule, { logger: false });
  app.useGlobalFilters(new ApiExceptionFilter());
  await app.listen(0, '127.0.0.1');
  base = await app.getUrl();
});
afterAll(() => app.close());

const get = (path: string, token?: string) =>
  fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe('UnitTokenGuard', () => {
  it('lets /health and /metrics through without a token', async () => {
    expect((await get('/health')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(200);
  });

  it('answers 401 AUTH.TOKEN_MISSING without a bearer token', async () => {
    const res = await get('/v1/whoami');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ statusCode: 401, code: 'AUTH.TOKEN_MISSING' });
  });

  it('answers 401 AUTH.TOKEN_UNKNOWN for a token nobody registered', async () => {
    const res = await get('/v1/whoami', 'some-other-token-0123456789');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'AUTH.TOKEN_UNKNOWN' });
  });

  it('resolves a registered token to its unit', async () => {
    const res = await get('/v1/whoami', RIAU_TOKEN);
    expect(await res.json()).toEqual({ id: 'polda:riau', kind: 'polda', code: 'riau' });
  });

  it('answers 403 AUTH.WRONG_UNIT when a unit acts for another', async () => {
    const res = await get('/v1/whoami/kepri', RIAU_TOKEN);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'AUTH.WRONG_UNIT' });
  });
});

describe('ApiExceptionFilter', () => {
  // Regression: the JSON parser's message quoted the body around the error (a name, a NIK).
  it('answers a malformed JSON body with 400 and without echoing any of it', async () => {
    const res = await fetch(`${base}/v1/whoami/echo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${RIAU_TOKEN}`, 'content-type': 'application/json' },
      body: '{"fullName": Siti Amina, "nik": "3171234567890123"',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      statusCode: 400,
      code: 'BAD_REQUEST',
      message: 'the request body is not valid JSON',
    });
    expect(text).not.toMatch(/Siti|3171/);
  });
});
