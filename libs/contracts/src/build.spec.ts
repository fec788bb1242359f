import { describe, expect, it } from '@jest/globals';
import { CloudEvent } from 'cloudevents';
import * as fc from 'fast-check';
import {
  buildEvent,
  EVENT_TYPES,
  EventValidationError,
  parseEvent,
  POLICE_ARREST_RECORDED_V1,
  type AnyEvent,
  type EventType,
} from '@simpul/contracts';
import { eventArbitrary, interceptionWithCandidates, validFixtures } from '@simpul/contracts/testing';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The builder's event for a fixture's data and source. */
function rebuild(type: EventType): AnyEvent {
  const fixture = validFixtures[type];
  return buildEvent(type, fixture.data as never, { source: fixture.source }) as AnyEvent;
}

/** The official SDK's verdict: constructing validates (strict mode); validate() checks again. */
function sdkAccepts(event: AnyEvent): boolean {
  const cloudEvent = new CloudEvent({ ...event } as unknown as Record<string, unknown>, true);
  return cloudEvent.validate();
}

describe('buildEvent', () => {
  it('fills in the envelope: UUIDv7 id, time now in UTC, dataschema, correlation defaulting to the id', () => {
    const before = Date.now();
    const event = buildEvent(POLICE_ARREST_RECORDED_V1, validFixtures[POLICE_ARREST_RECORDED_V1].data, {
      source: '/polri/polda/riau',
    });
    expect(event.id).toMatch(UUID_V7);
    expect(event.correlationid).toBe(event.id);
    expect(event).not.toHaveProperty('causationid');
    expect(event).not.toHaveProperty('subject');
    expect(event.specversion).toBe('1.0');
    expect(event.datacontenttype).toBe('application/json');
    expect(event.dataschema).toBe('urn:simpul:schema:police.arrest.recorded.v1');
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(event.time)).toBeGreaterThanOrEqual(before - 1);
    expect(event.data).toEqual(validFixtures[POLICE_ARREST_RECORDED_V1].data);
    expect(event.data).not.toBe(validFixtures[POLICE_ARREST_RECORDED_V1].data);
  });

  it('takes the given id, time, subject, correlation and causation', () => {
    const event = buildEvent(
      'ministry.watchlist.entry.revoked.v1',
      validFixtures['ministry.watchlist.entry.revoked.v1'].data,
      {
        source: '/kp2mi/ministry',
        id: '0197d8a0-3c00-7000-8000-0000000000aa',
        time: new Date('2025-08-01T02:30:00Z'),
        subject: 'case/LP-1',
        correlationId: '0197d8a0-3c00-7000-8000-0000000000bb',
        causationId: '0197d8a0-3c00-7000-8000-0000000000cc',
      },
    );
    expect(event).toMatchObject({
      id: '0197d8a0-3c00-7000-8000-0000000000aa',
      time: '2025-08-01T02:30:00.000Z',
      subject: 'case/LP-1',
      correlationid: '0197d8a0-3c00-7000-8000-0000000000bb',
      causationid: '0197d8a0-3c00-7000-8000-0000000000cc',
    });
  });

  it('gives successive events increasing ids', () => {
    const ids = Array.from({ length: 50 }, () => rebuild('ministry.alert.raised.v1').id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('throws EventValidationError with the issues when the event would be invalid', () => {
    const data = { ...validFixtures[POLICE_ARREST_RECORDED_V1].data, polda: 'kepri' };
    let caught: unknown;
    try {
      buildEvent(POLICE_ARREST_RECORDED_V1, data, { source: '/polri/polda/riau', causationId: 'not-a-uuid' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EventValidationError);
    expect((caught as EventValidationError).issues.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'causationid', rule: 'uuid' },
      { path: 'source', rule: 'sourceNamesUnit' },
    ]);
  });

  it('refuses an event over 256 KiB', () => {
    const big = interceptionWithCandidates(2000, { full: true });
    expect(() => buildEvent(big.type, big.data, { source: big.source })).toThrow(EventValidationError);
  });

  it('refuses data that cannot be serialised to JSON', () => {
    const data = { ...validFixtures[POLICE_ARREST_RECORDED_V1].data, reportNumber: BigInt(1) as never };
    expect(() => buildEvent(POLICE_ARREST_RECORDED_V1, data, { source: '/polri/polda/riau' })).toThrow(
      EventValidationError,
    );
  });

  it.each(EVENT_TYPES)('builds a %s event that parseEvent accepts unchanged', (type) => {
    const event = rebuild(type);
    expect(parseEvent(JSON.stringify(event))).toEqual({ ok: true, event });
  });
});

describe('conformance with the official cloudevents SDK', () => {
  it.each(EVENT_TYPES)('accepts the builder\u2019s %s event as a valid CloudEvent 1.0', (type) => {
    const event = rebuild(type);
    expect(sdkAccepts(event)).toBe(true);
    const cloudEvent = new CloudEvent({ ...event } as unknown as Record<string, unknown>);
    // Extensions keep their (already lower-case) names and values.
    expect(cloudEvent.correlationid).toBe(event.correlationid);
    expect(cloudEvent.specversion).toBe('1.0');
    expect(cloudEvent.type).toBe(type);
  });

  it.each(EVENT_TYPES)(
    'accepts builder events from generated %s data (with causation and subject)',
    (type) => {
      fc.assert(
        fc.property(eventArbitrary(type), (generated) => {
          const event = buildEvent(type, generated.data as never, {
            source: generated.source,
            causationId: generated.id,
            subject: generated.subject,
            time: new Date(Date.parse(generated.time)),
          }) as AnyEvent;
          expect(sdkAccepts(event)).toBe(true);
        }),
        { numRuns: 25 },
      );
    },
  );

  it('the SDK does reject what it should (the check can fail)', () => {
    const event = rebuild('ministry.alert.raised.v1');
    expect(
      () => new CloudEvent({ ...event, time: '5 July 2025' } as unknown as Record<string, unknown>),
    ).toThrow();
    expect(
      () => new CloudEvent({ ...event, dataschema: 'not a uri' } as unknown as Record<string, unknown>),
    ).toThrow();
    expect(
      () => new CloudEvent({ ...event, CorrelationId: 'x' } as unknown as Record<string, unknown>),
    ).toThrow();
  });
});
