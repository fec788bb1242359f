import { describe, expect, it } from '@jest/globals';
import { BusError, BusErrorCode, describeError, PoisonMessageError } from '../errors.js';
import { collectHandlers } from './collect-handlers.js';
import { OnBusEvent, OnBusEvents } from './decorators.js';
import { PullWatchdog } from './pull-watchdog.js';
import { retryDelay } from './retry.js';

describe('retryDelay', () => {
  it('follows the schedule by delivery count and stays at its end', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 9].map((n) => retryDelay(n, [100, 1000, 5000], mid))).toEqual([100, 1000, 5000, 5000]);
  });
  it('jitters within ±10%', () => {
    expect(retryDelay(1, [1000], () => 0)).toBe(900);
    expect(retryDelay(1, [1000], () => 1)).toBe(1100);
  });
});

describe('describeError', () => {
  it('keeps codes and messages of declared errors', () => {
    expect(describeError(new PoisonMessageError('MINISTRY.CASE_CLOSED', 'case c-1 is closed'))).toEqual({
      code: 'MINISTRY.CASE_CLOSED',
      name: 'PoisonMessageError',
      message: 'case c-1 is closed',
    });
    expect(describeError(new BusError(BusErrorCode.KEY_UNKNOWN, 'key k')).code).toBe('BUS.KEY_UNKNOWN');
  });

  it('withholds messages of unknown errors, which may quote personal data', () => {
    const pgError = Object.assign(new Error('duplicate key value (nik)=(3171234567890001)'), {
      code: '23505',
      constraint: 'person_nik_key',
    });
    const d = describeError(pgError);
    expect(d.message).not.toContain('3171');
    expect(d.message).toContain('23505');
    expect(d.message).toContain('person_nik_key');
    expect(describeError(new Error('Budi Santoso not found')).message).not.toContain('Budi');
  });
});

describe('PullWatchdog', () => {
  function setup(connected = true) {
    let now = 0;
    let stalls = 0;
    const dog = new PullWatchdog({
      heartbeatMs: 1000,
      isConnected: () => connected,
      onStall: () => stalls++,
      now: () => now,
    });
    return {
      dog,
      advance: (ms: number) => (now += ms),
      stalls: () => stalls,
      setConnected: (c: boolean) => (connected = c),
    };
  }

  it('fires once after three silent heartbeat intervals while connected', () => {
    const t = setup();
    t.advance(2500);
    t.dog.check();
    expect(t.stalls()).toBe(0);
    t.advance(600);
    t.dog.check();
    t.dog.check();
    expect(t.stalls()).toBe(1);
  });

  it('does not fire while heartbeats or messages arrive, nor while disconnected', () => {
    const t = setup();
    for (let i = 0; i < 10; i++) {
      t.advance(900);
      t.dog.alive();
      t.dog.check();
    }
    t.setConnected(false);
    t.advance(60_000);
    t.dog.check();
    t.setConnected(true);
    t.advance(1000);
    t.dog.check();
    expect(t.stalls()).toBe(0);
  });

  it('fires when nats.js reports more missed heartbeats than it repairs', () => {
    const t = setup();
    t.dog.missed(2);
    expect(t.stalls()).toBe(0);
    t.dog.missed(4);
    expect(t.stalls()).toBe(1);
  });
});

describe('handler decorators', () => {
  class CaseClosed extends Error {}
  class Handlers {
    @OnBusEvent(['police.arrest.recorded.v1', 'police.departure.foiled.v1'], {
      consumer: 'ministry-police',
      poison: [CaseClosed],
    })
    async onPolice(): Promise<void> {}

    @OnBusEvent('immigration.screening.matched.v1', { consumer: 'ministry-immigration', batchable: false })
    async onMatch(): Promise<void> {}

    @OnBusEvents('immigration.departure.delayed.v1', { consumer: 'ministry-immigration' })
    async onDelays(): Promise<void> {}

    notAHandler(): void {}
  }

  it('collects one registration per type, bound to the instance', () => {
    const regs = collectHandlers(new Handlers());
    expect(regs.map((r) => [r.kind, r.consumer, r.type, r.name, r.batchable])).toEqual([
      ['single', 'ministry-police', 'police.arrest.recorded.v1', 'Handlers.onPolice', true],
      ['single', 'ministry-police', 'police.departure.foiled.v1', 'Handlers.onPolice', true],
      ['single', 'ministry-immigration', 'immigration.screening.matched.v1', 'Handlers.onMatch', false],
      ['batch', 'ministry-immigration', 'immigration.departure.delayed.v1', 'Handlers.onDelays', true],
    ]);
    expect(regs[0]!.poison).toEqual([CaseClosed]);
  });
});
