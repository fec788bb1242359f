import { describe, expect, it } from '@jest/globals';
import {
  EVENT_REGISTRY,
  EVENT_TYPES,
  isEventType,
  natsSubjectFor,
  sourceForUnit,
  sourceOwnsSubject,
  typeForSubject,
  unitFromSource,
  unitTokenOfSubject,
} from '@simpul/contracts';
import { validFixtures } from '@simpul/contracts/testing';

describe('registry', () => {
  it('lists the ten v1 types of the catalogue', () => {
    expect(EVENT_TYPES).toEqual([
      'police.arrest.recorded.v1',
      'police.departure.foiled.v1',
      'ministry.alert.raised.v1',
      'ministry.watchlist.entry.issued.v1',
      'ministry.watchlist.entry.revoked.v1',
      'ministry.company.sanctioned.v1',
      'ministry.patrol.finding.recorded.v1',
      'ministry.response.dispatched.v1',
      'immigration.screening.matched.v1',
      'immigration.departure.delayed.v1',
    ]);
    expect(isEventType('police.arrest.recorded.v1')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(EVENT_REGISTRY['immigration.screening.matched.v1']).toMatchObject({
      agency: 'immigration',
      unitField: 'checkpoint',
      subjectTemplate: 'immigration.{checkpoint}.screening.matched',
    });
    expect(EVENT_REGISTRY['ministry.patrol.finding.recorded.v1'].subjectTemplate).toBe(
      'ministry.patrol.finding.recorded',
    );
    expect(EVENT_REGISTRY['ministry.response.dispatched.v1'].subjectTemplate).toBe(
      'ministry.response.dispatched',
    );
  });

  it.each([
    ['police.arrest.recorded.v1', 'police.riau.arrest.recorded'],
    ['police.departure.foiled.v1', 'police.riau.departure.foiled'],
    ['ministry.alert.raised.v1', 'ministry.alert.raised'],
    ['ministry.watchlist.entry.issued.v1', 'ministry.watchlist.entry.issued'],
    ['ministry.watchlist.entry.revoked.v1', 'ministry.watchlist.entry.revoked'],
    ['ministry.company.sanctioned.v1', 'ministry.company.sanctioned'],
    ['immigration.screening.matched.v1', 'immigration.batam-center.screening.matched'],
    ['immigration.departure.delayed.v1', 'immigration.batam-center.departure.delayed'],
  ] as const)('%s is published on %s, and the subject maps back', (type, subject) => {
    expect(natsSubjectFor(validFixtures[type])).toBe(subject);
    expect(typeForSubject(subject)).toBe(type);
    expect(sourceOwnsSubject(validFixtures[type].source, subject)).toBe(true);
  });

  it('reads the unit token of a subject', () => {
    expect(unitTokenOfSubject('police.riau.arrest.recorded')).toBe('riau');
    expect(unitTokenOfSubject('immigration.batam-center.screening.matched')).toBe('batam-center');
    expect(unitTokenOfSubject('ministry.watchlist.entry.issued')).toBeNull();
    expect(unitTokenOfSubject('police.riau.arrest')).toBeNull();
    expect(unitTokenOfSubject('police.*.arrest.recorded')).toBeNull();
    expect(typeForSubject('police.>')).toBeUndefined();
  });

  it('says which source owns which subject', () => {
    expect(sourceOwnsSubject('/polri/polda/kepri', 'police.riau.arrest.recorded')).toBe(false);
    expect(sourceOwnsSubject('/imigrasi/tpi/riau', 'police.riau.arrest.recorded')).toBe(false);
    expect(sourceOwnsSubject('/imigrasi/tpi/dumai', 'immigration.dumai.departure.delayed')).toBe(true);
    expect(sourceOwnsSubject('/kp2mi/desk', 'ministry.alert.raised')).toBe(true);
    expect(sourceOwnsSubject('/polri/polda/riau', 'ministry.alert.raised')).toBe(false);
    expect(sourceOwnsSubject('/kp2mi/ministry', 'deadletter.x')).toBe(false);
  });

  it('maps unit ids to sources and back', () => {
    const pairs = [
      ['polda:riau', '/polri/polda/riau'],
      ['polda:papua-barat-daya', '/polri/polda/papua-barat-daya'],
      ['checkpoint:batam-center', '/imigrasi/tpi/batam-center'],
      ['ministry:service', '/kp2mi/ministry'],
      ['ministry:desk', '/kp2mi/desk'],
    ];
    for (const [unit, source] of pairs) {
      expect(sourceForUnit(unit)).toBe(source);
      expect(unitFromSource(source)).toBe(unit);
    }
    for (const bad of ['polda:', 'polda:Riau', 'police:riau', 'ministry:ministry', 'polda:riau:x', 'riau']) {
      expect(sourceForUnit(bad)).toBeUndefined();
    }
    for (const bad of [
      '/polri/polda/',
      '/polri/polda/a/b',
      '/kp2mi/service',
      '/other/x',
      'polri/polda/riau',
    ]) {
      expect(unitFromSource(bad)).toBeUndefined();
    }
  });
});
