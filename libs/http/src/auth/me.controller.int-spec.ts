// GET /v1/me of the HTTP edge (HttpEdgeModule.forService with tokens): the caller's unit, its kind
// and display name, and 401 like every guarded route.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HttpEdgeModule } from '../http-edge.module.js';
import { hashToken, TokenRegistry } from './token-registry.js';

const TOKENS = {
  'riau-token-0123456789abcdef': 'polda:riau',
  'batam-token-0123456789abcdef': 'checkpoint:batam-center',
  'desk-token-0123456789abcdefg': 'ministry:desk',
  'papua-token-0123456789abcdef': 'polda:papua-selatan',
};

@Module({
  imports: [
    HttpEdgeModule.forService('test', {
      tokens: new TokenRegistry(
        Object.fromEntries(Object.entries(TOKENS).map(([token, unit]) => [hashToken(token), unit])),
      ),
      unitNames: new Map([
        ['polda:riau', 'Polda Riau'],
        ['checkpoint:batam-center', 'Pelabuhan Batam Center'],
        ['ministry:desk', 'KP2MI operations desk'],
      ]),
    }),
  ],
})
class WithNamesModule {}

@Module({
  imports: [
    HttpEdgeModule.forService('test', {
      tokens: new TokenRegistry({ [hashToken('riau-token-0123456789abcdef')]: 'polda:riau' }),
    }),
  ],
})
class WithoutNamesModule {}

let app: INestApplication;
let bare: INestApplication;

async function listen(module: object): Promise<INestApplication> {
  const started = await NestFactory.create(module, { logger: false });
  await started.listen(0, '127.0.0.1');
  return started;
}

beforeAll(async () => {
  app = await listen(WithNamesModule);
  bare = await listen(WithoutNamesModule);
});
afterAll(async () => {
  await app?.close();
  await bare?.close();
});

async function me(target: INestApplication, headers: Record<string, string> = {}) {
  const res = await fetch(`${(await target.getUrl()).replace('[::1]', '127.0.0.1')}/v1/me`, { headers });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('GET /v1/me', () => {
  it.each([
    ['riau-token-0123456789abcdef', { unit: 'polda:riau', name: 'Polda Riau', kind: 'polda' }],
    [
      'batam-token-0123456789abcdef',
      { unit: 'checkpoint:batam-center', name: 'Pelabuhan Batam Center', kind: 'checkpoint' },
    ],
    [
      'desk-token-0123456789abcdefg',
      { unit: 'ministry:desk', name: 'KP2MI operations desk', kind: 'ministry' },
    ],
  ])('answers the unit, display name and kind of the token (%#)', async (token, expected) => {
    expect(await me(app, bearer(token))).toEqual({ status: 200, body: expected });
  });

  it('names a unit without a known display name by its id', async () => {
    expect((await me(app, bearer('papua-token-0123456789abcdef'))).body).toEqual({
      unit: 'polda:papua-selatan',
      name: 'polda:papua-selatan',
      kind: 'polda',
    });
    expect((await me(bare, bearer('riau-token-0123456789abcdef'))).body).toEqual({
      unit: 'polda:riau',
      name: 'polda:riau',
      kind: 'polda',
    });
  });

  it('answers 401 without a token and with an unknown one', async () => {
    expect(await me(app)).toMatchObject({ status: 401, body: { code: 'AUTH.TOKEN_MISSING' } });
    expect(await me(app, bearer('nobody-registered-this-token'))).toMatchObject({
      status: 401,
      body: { code: 'AUTH.TOKEN_UNKNOWN' },
    });
  });

  it('is not served by an edge without tokens', async () => {
    @Module({ imports: [HttpEdgeModule.forService('test')] })
    class OpenModule {}
    const open = await listen(OpenModule);
    try {
      expect((await me(open)).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});
