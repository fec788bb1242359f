import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { BusClientConfig, busClientOptions, databaseSessionLimits } from './bus-client-config.js';

/** What a service's config module does with the environment (strings in, typed and validated out). */
function load(env: Record<string, string>): { config: BusClientConfig; problems: string[] } {
  const config = plainToInstance(BusClientConfig, env, {
    enableImplicitConversion: true,
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const problems = validateSync(config).flatMap((e) =>
    Object.keys(e.constraints ?? {}).map((rule) => `${e.property}: ${rule}`),
  );
  return { config, problems };
}

describe('BusClientConfig time limits', () => {
  it('defaults to a 30 s handler limit and 60 s / 10 s / 60 s database session limits', () => {
    const { config, problems } = load({});
    expect(problems).toEqual([]);
    expect(busClientOptions(config).handlerTimeoutMs).toBe(30_000);
    expect(databaseSessionLimits(config)).toEqual({
      statementTimeoutMs: 60_000,
      lockTimeoutMs: 10_000,
      idleInTransactionTimeoutMs: 60_000,
    });
  });

  it('reads them from the environment', () => {
    const { config, problems } = load({
      BUS_HANDLER_TIMEOUT_MS: '5000',
      DB_STATEMENT_TIMEOUT_MS: '0',
      DB_LOCK_TIMEOUT_MS: '2500',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '90000',
    });
    expect(problems).toEqual([]);
    expect(busClientOptions(config).handlerTimeoutMs).toBe(5000);
    expect(databaseSessionLimits(config)).toEqual({
      statementTimeoutMs: 0,
      lockTimeoutMs: 2500,
      idleInTransactionTimeoutMs: 90_000,
    });
  });

  it('names the variable and the rule of a bad value', () => {
    expect(load({ BUS_HANDLER_TIMEOUT_MS: '50' }).problems).toEqual(['BUS_HANDLER_TIMEOUT_MS: min']);
    expect(load({ DB_LOCK_TIMEOUT_MS: 'soon' }).problems).toContain('DB_LOCK_TIMEOUT_MS: isInt');
    expect(load({ DB_STATEMENT_TIMEOUT_MS: '-1' }).problems).toEqual(['DB_STATEMENT_TIMEOUT_MS: min']);
  });
});

describe('BusClientConfig key registry bound', () => {
  it('defaults BUS_KEY_REGISTRY_MAX_AGE_MS to 10 s, reads it, and names a bad value', () => {
    expect(busClientOptions(load({}).config).keyRegistryMaxAgeMs).toBe(10_000);
    const { config, problems } = load({ BUS_KEY_REGISTRY_MAX_AGE_MS: '2500' });
    expect(problems).toEqual([]);
    expect(busClientOptions(config).keyRegistryMaxAgeMs).toBe(2500);
    expect(load({ BUS_KEY_REGISTRY_MAX_AGE_MS: '-1' }).problems).toEqual([
      'BUS_KEY_REGISTRY_MAX_AGE_MS: min',
    ]);
    expect(load({ BUS_KEY_REGISTRY_MAX_AGE_MS: 'soon' }).problems).toContain(
      'BUS_KEY_REGISTRY_MAX_AGE_MS: isInt',
    );
  });
});

describe('BusClientConfig producer ledger and reconciler', () => {
  it('defaults to a 24 h ledger and a reconciler every 5 minutes', () => {
    const { config, problems } = load({});
    expect(problems).toEqual([]);
    expect(busClientOptions(config)).toMatchObject({
      ledgerRetentionMs: 24 * 3_600_000,
      reconcile: { intervalMs: 300_000 },
    });
  });

  it('reads them from the environment; an interval of 0 turns the reconciler off', () => {
    const { config, problems } = load({ BUS_LEDGER_RETENTION_HOURS: '48', BUS_RECONCILE_INTERVAL_MS: '0' });
    expect(problems).toEqual([]);
    expect(busClientOptions(config)).toMatchObject({ ledgerRetentionMs: 48 * 3_600_000, reconcile: false });
    expect(busClientOptions(load({ BUS_RECONCILE_INTERVAL_MS: '60000' }).config).reconcile).toEqual({
      intervalMs: 60_000,
    });
  });

  it('names the variable and the rule of a bad value', () => {
    expect(load({ BUS_LEDGER_RETENTION_HOURS: '0' }).problems).toEqual(['BUS_LEDGER_RETENTION_HOURS: min']);
    // Past 30 days: the ledger would hold personal data far longer than a reconcile needs.
    expect(load({ BUS_LEDGER_RETENTION_HOURS: '721' }).problems).toEqual(['BUS_LEDGER_RETENTION_HOURS: max']);
    expect(load({ BUS_LEDGER_RETENTION_HOURS: 'a day' }).problems).toContain(
      'BUS_LEDGER_RETENTION_HOURS: isInt',
    );
    expect(load({ BUS_RECONCILE_INTERVAL_MS: '500' }).problems).toEqual(['BUS_RECONCILE_INTERVAL_MS: min']);
    expect(load({ BUS_RECONCILE_INTERVAL_MS: '-1' }).problems).toEqual(['BUS_RECONCILE_INTERVAL_MS: min']);
    expect(load({ BUS_RECONCILE_INTERVAL_MS: '86400001' }).problems).toEqual([
      'BUS_RECONCILE_INTERVAL_MS: max',
    ]);
    expect(load({ BUS_RECONCILE_INTERVAL_MS: 'often' }).problems).toContain(
      'BUS_RECONCILE_INTERVAL_MS: isInt',
    );
  });
});
