// The data classes used on their own, the way Nest's ValidationPipe uses them for HTTP bodies:
// the cross-field rules travel with the classes.
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import {
  CLASS_VALIDATOR_OPTIONS,
  MinistryWatchlistEntryIssuedV1,
  PoliceArrestRecordedV1,
} from '@simpul/contracts';
import { validFixtures } from '@simpul/contracts/testing';

function failures(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...Object.keys(e.constraints ?? {}).map((c) => `${path}:${c}`),
      ...failures(e.children ?? [], path),
    ];
  });
}

describe('data classes with class-validator alone', () => {
  it('accept a valid body', () => {
    const body = structuredClone(validFixtures['police.arrest.recorded.v1'].data);
    expect(validateSync(plainToInstance(PoliceArrestRecordedV1, body), CLASS_VALIDATOR_OPTIONS)).toEqual([]);
  });

  it('enforce the cross-field rules and reject unknown properties', () => {
    const body = structuredClone(validFixtures['police.arrest.recorded.v1'].data) as unknown as {
      suspects: { person: { sex: string } }[];
      note?: string;
    };
    body.suspects[0].person.sex = 'F';
    body.note = 'x';
    expect(
      failures(validateSync(plainToInstance(PoliceArrestRecordedV1, body), CLASS_VALIDATOR_OPTIONS)),
    ).toEqual(['note:whitelistValidation', 'suspects.0.person.nik:nikMatchesSex']);
  });

  it('require a decision number for cegah even though the field is optional otherwise', () => {
    const { decisionNumber: _omit, ...body } = structuredClone(
      validFixtures['ministry.watchlist.entry.issued.v1'].data,
    );
    const errors = failures(
      validateSync(plainToInstance(MinistryWatchlistEntryIssuedV1, body), CLASS_VALIDATOR_OPTIONS),
    );
    expect(errors).toContain('decisionNumber:cegahRequiresDecisionNumber');
    const advisory = { ...body, legalType: 'advisory' };
    expect(
      validateSync(plainToInstance(MinistryWatchlistEntryIssuedV1, advisory), CLASS_VALIDATOR_OPTIONS),
    ).toEqual([]);
  });
});
