import { describe, expect, it } from '@jest/globals';
import { validFixture } from '@simpul/contracts/testing';
import { leadToKeep, leadView } from './lead.rules.js';

const finding = validFixture('ministry.patrol.finding.recorded.v1');
const servesRiau = (code: string) => code === 'riau';

describe('leadToKeep', () => {
  it('keeps a finding on a served Polda, filed under it', () => {
    expect(leadToKeep(finding.id, finding.data, servesRiau)).toEqual({
      findingId: finding.data.findingId,
      eventId: finding.id,
      region: 'riau',
      recordedAt: finding.data.recordedAt,
      data: finding.data,
    });
  });

  it("keeps nothing of another Polda's finding, nor of one without a region", () => {
    expect(leadToKeep(finding.id, { ...finding.data, region: 'kepri' }, servesRiau)).toBeUndefined();
    const { region: _region, ...noRegion } = finding.data;
    expect(leadToKeep(finding.id, noRegion, servesRiau)).toBeUndefined();
  });
});

describe('leadView', () => {
  it('shows the finding as published, caseIds empty when the ministry named none', () => {
    const { caseIds: _caseIds, postedAt: _postedAt, ...data } = finding.data;
    const view = leadView({ event_id: finding.id, region: 'riau', data });
    expect(view).toEqual({
      findingId: data.findingId,
      eventId: finding.id,
      recordedAt: data.recordedAt,
      platform: data.platform,
      url: data.url,
      accountHandle: data.accountHandle,
      phoneNumbers: data.phoneNumbers,
      companyName: data.companyName,
      destinationCountry: data.destinationCountry,
      summary: data.summary,
      region: 'riau',
      caseIds: [],
    });
  });
});
