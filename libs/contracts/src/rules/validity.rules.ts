// Validity windows. Every duration is measured between two dates of the event itself, never from
// the clock of the machine validating it, so an event stays valid when replayed years later.
import { addCalendarMonths, DAY_MS, parseInstant, type ParsedInstant } from '../common/instants.js';
import { field, type CrossFieldRule } from './rule.js';

/** The two instants a window rule compares, or undefined when either is missing or malformed. */
function window(
  holder: unknown,
  fromKey: string,
  untilKey: string,
): [ParsedInstant, ParsedInstant] | undefined {
  const from = parseInstant(field(holder, fromKey));
  const until = parseInstant(field(holder, untilKey));
  return from && until ? [from, until] : undefined;
}

export const validUntilAfterValidFrom: CrossFieldRule = {
  name: 'validUntilAfterValidFrom',
  description: 'validUntil is strictly after validFrom.',
  check(holder) {
    const w = window(holder, 'validFrom', 'validUntil');
    return w === undefined || w[1].epochMs > w[0].epochMs;
  },
};

/** cegah (a binding travel ban) lapses by law after 6 months, or 12 with one extension decision. */
export const cegahMaxDuration: CrossFieldRule = {
  name: 'cegahMaxDuration',
  description:
    'For legalType cegah, validUntil is at most 6 calendar months after validFrom (12 when extensionDecisionNumber is given), counted on validFrom\u2019s own wall clock.',
  check(holder) {
    if (field(holder, 'legalType') !== 'cegah') return true;
    const w = window(holder, 'validFrom', 'validUntil');
    if (w === undefined) return true;
    const extended = typeof field(holder, 'extensionDecisionNumber') === 'string';
    return w[1].epochMs <= addCalendarMonths(w[0], extended ? 12 : 6);
  },
};

export const cegahRequiresDecisionNumber: CrossFieldRule = {
  name: 'cegahRequiresDecisionNumber',
  description: 'For legalType cegah, decisionNumber (the legal decision behind the ban) is required.',
  check(holder) {
    return field(holder, 'legalType') !== 'cegah' || field(holder, 'decisionNumber') !== undefined;
  },
};

export const protectiveMaxDuration: CrossFieldRule = {
  name: 'protectiveMaxDuration',
  description: 'For legalType protective, validUntil is at most 90 days (of 24 h) after validFrom.',
  check(holder) {
    if (field(holder, 'legalType') !== 'protective') return true;
    const w = window(holder, 'validFrom', 'validUntil');
    return w === undefined || w[1].epochMs - w[0].epochMs <= 90 * DAY_MS;
  },
};

export const validUntilAfterOccurredAt: CrossFieldRule = {
  name: 'validUntilAfterOccurredAt',
  description: 'validUntil is strictly after occurredAt.',
  check(holder) {
    const w = window(holder, 'occurredAt', 'validUntil');
    return w === undefined || w[1].epochMs > w[0].epochMs;
  },
};

/** A departure delay (penundaan keberangkatan) is decided at the desk and lasts at most 30 days. */
export const delayMaxDuration: CrossFieldRule = {
  name: 'delayMaxDuration',
  description: 'validUntil is at most 30 days (of 24 h) after occurredAt.',
  check(holder) {
    const w = window(holder, 'occurredAt', 'validUntil');
    return w === undefined || w[1].epochMs - w[0].epochMs <= 30 * DAY_MS;
  },
};

export const effectiveUntilAfterEffectiveFrom: CrossFieldRule = {
  name: 'effectiveUntilAfterEffectiveFrom',
  description: 'effectiveUntil, when given, is strictly after effectiveFrom.',
  check(holder) {
    const w = window(holder, 'effectiveFrom', 'effectiveUntil');
    return w === undefined || w[1].epochMs > w[0].epochMs;
  },
};

/** A rapid response team is due somewhere after it was sent. */
export const dueByAfterDispatchedAt: CrossFieldRule = {
  name: 'dueByAfterDispatchedAt',
  description: 'dueBy is strictly after dispatchedAt.',
  check(holder) {
    const w = window(holder, 'dispatchedAt', 'dueBy');
    return w === undefined || w[1].epochMs > w[0].epochMs;
  },
};
