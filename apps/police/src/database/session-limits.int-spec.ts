// The DB_* session limits reach the police app's database pool (they take effect only when the app
// module passes databaseSessionLimits(config) to its data-source options).
import 'reflect-metadata';
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startPoliceTestApp, type PoliceTestApp } from '../testing/police-test-app.js';

jest.setTimeout(60_000);

let police: PoliceTestApp;

beforeAll(async () => {
  police = await startPoliceTestApp({
    database: 'police_session_limits',
    units: [{ unit: 'polda:riau', source: '/polri/polda/riau' }],
    tokens: {},
    env: {
      POLICE_UNITS: 'riau',
      DB_STATEMENT_TIMEOUT_MS: '12345',
      DB_LOCK_TIMEOUT_MS: '2345',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '34567',
    },
  });
});

afterAll(async () => {
  await police?.stop();
});

it('runs the app pool under DB_STATEMENT_TIMEOUT_MS, DB_LOCK_TIMEOUT_MS and DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', async () => {
  const [session] = (await police.app.get(DataSource).query(
    `SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock,
            current_setting('idle_in_transaction_session_timeout') AS idle`,
  )) as Array<Record<string, string>>;
  expect(session).toEqual({ statement: '12345ms', lock: '2345ms', idle: '34567ms' });
});
