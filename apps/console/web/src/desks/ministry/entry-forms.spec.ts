import { describe, expect, it } from '@jest/globals';
import { EMPTY_PERSON } from '../../components/PersonFields';
import { dayStartInstant, issueBody } from './EntryForms';

type IssueValues = Parameters<typeof issueBody>[0];
const values = (changes: Partial<IssueValues> = {}): IssueValues => ({
  legalType: 'advisory',
  action: 'refer',
  person: { ...EMPTY_PERSON, fullName: 'Budi' },
  reason: '',
  issuedBy: '',
  decisionNumber: '',
  validFrom: '',
  validUntil: '',
  ...changes,
});

describe('the watchlist issue request', () => {
  it('leaves blanks out, so the contract says what is missing', () => {
    expect(issueBody(values())).toEqual({
      legalType: 'advisory',
      action: 'refer',
      person: { fullName: 'Budi' },
    });
  });

  it('sends the texts trimmed and the validity days as the start of the day in WIB', () => {
    expect(
      issueBody(
        values({
          legalType: 'cegah',
          action: 'deny_departure',
          reason: ' recruiter in case 12 ',
          issuedBy: ' Direktorat Jenderal Imigrasi ',
          decisionNumber: ' IMI-123 ',
          validFrom: '2026-12-03',
          validUntil: '2027-06-03',
        }),
      ),
    ).toEqual({
      legalType: 'cegah',
      action: 'deny_departure',
      person: { fullName: 'Budi' },
      reason: 'recruiter in case 12',
      issuedBy: 'Direktorat Jenderal Imigrasi',
      decisionNumber: 'IMI-123',
      validFrom: '2026-12-02T17:00:00.000Z',
      validUntil: '2027-06-02T17:00:00.000Z',
    });
  });

  it('reads an empty date as no instant', () => {
    expect(dayStartInstant('')).toBe('');
  });
});
