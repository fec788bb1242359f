// NIK rules on a Person: the date inside the NIK is real, and agrees with dateOfBirth and sex when
// those are given too (docs/contract.md §5, docs/domain.md Identifiers).
import { isCalendarDate } from '../common/instants.js';
import { nikBirth } from '../common/nik.js';
import { NIK_PATTERN } from '../common/patterns.js';
import { field, type CrossFieldRule } from './rule.js';

function wellFormedNik(holder: unknown): string | undefined {
  const nik = field(holder, 'nik');
  return typeof nik === 'string' && NIK_PATTERN.test(nik) ? nik : undefined;
}

export const nikStructure: CrossFieldRule = {
  name: 'nikStructure',
  description:
    'nik is 16 digits PP KK CC DDMMYY SSSS whose DDMMYY is a real date (day 01-31, or 41-71 for women) in 19YY or 20YY.',
  check(holder) {
    const nik = wellFormedNik(holder);
    return nik === undefined || nikBirth(nik) !== undefined;
  },
};

export const nikMatchesDateOfBirth: CrossFieldRule = {
  name: 'nikMatchesDateOfBirth',
  description: 'When both are given, the date digits of nik equal dateOfBirth (day, month, two-digit year).',
  check(holder) {
    const nik = wellFormedNik(holder);
    const dob = field(holder, 'dateOfBirth');
    if (nik === undefined || !isCalendarDate(dob)) return true;
    const birth = nikBirth(nik);
    if (birth === undefined) return true;
    const [year, month, day] = (dob as string).split('-').map(Number);
    return birth.day === day && birth.month === month && birth.yearOfCentury === year % 100;
  },
};

export const nikMatchesSex: CrossFieldRule = {
  name: 'nikMatchesSex',
  description: 'When both are given, the day digits of nik are day+40 exactly when sex is F.',
  check(holder) {
    const nik = wellFormedNik(holder);
    const sex = field(holder, 'sex');
    if (nik === undefined || (sex !== 'M' && sex !== 'F')) return true;
    const birth = nikBirth(nik);
    return birth === undefined || birth.sex === sex;
  },
};
