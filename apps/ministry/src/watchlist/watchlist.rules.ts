// Which watchlist entries police events issue automatically (framework-free; see watchlist.rules.spec.ts).
import type {
  EventDataMap,
  Person,
  WatchlistAction,
  WatchlistLegalType,
  WatchlistOrigin,
} from '@simpul/contracts';
import { addDays } from '../common/ids.js';

type Foiled = EventDataMap['police.departure.foiled.v1'];
type Arrest = EventDataMap['police.arrest.recorded.v1'];

/** Protective entries (likely victims) last the contract's maximum: 90 days of 24 h from occurredAt. */
export const PROTECTIVE_VALID_DAYS = 90;

export interface ValidityPolicy {
  /** Days a `dpo` entry (at-large suspect) stays valid from the arrest's occurredAt (default 180). */
  dpoDays: number;
  /** Days an `advisory` entry (other suspects) stays valid from the arrest's occurredAt (default 180). */
  advisoryDays: number;
}

/** What an automatic entry says, before the service gives it an id, a version and a case. */
export interface EntryDecision {
  legalType: WatchlistLegalType;
  action: WatchlistAction;
  person: Person;
  reason: string;
  validFrom: string;
  validUntil: string;
  origin: WatchlistOrigin;
}

/** Only the Person fields a checkpoint needs to screen: nothing else about the person leaves the ministry. */
export function checkpointPerson(person: Person): Person {
  const out: Person = { fullName: person.fullName };
  if (person.aliases !== undefined) out.aliases = [...person.aliases];
  if (person.nik !== undefined) out.nik = person.nik;
  if (person.passportNumber !== undefined) out.passportNumber = person.passportNumber;
  if (person.dateOfBirth !== undefined) out.dateOfBirth = person.dateOfBirth;
  if (person.sex !== undefined) out.sex = person.sex;
  if (person.nationality !== undefined) out.nationality = person.nationality;
  return out;
}

/** Suspects at large → dpo / deny_departure; every other suspect → advisory / refer. */
export function entriesForArrest(data: Arrest, eventId: string, policy: ValidityPolicy): EntryDecision[] {
  return data.suspects.map((suspect) => {
    const atLarge = suspect.status === 'at_large';
    return {
      legalType: atLarge ? 'dpo' : 'advisory',
      action: atLarge ? 'deny_departure' : 'refer',
      person: checkpointPerson(suspect.person),
      reason: atLarge
        ? `Suspect at large (${suspect.role}) in police report of polda ${data.polda}.`
        : `Suspect (${suspect.role}, ${suspect.status}) in police report of polda ${data.polda}.`,
      validFrom: data.occurredAt,
      validUntil: addDays(data.occurredAt, atLarge ? policy.dpoDays : policy.advisoryDays),
      origin: { unit: `polda:${data.polda}`, eventId, personId: suspect.suspectId },
    };
  });
}

/** Candidates of a foiled departure → protective / refer for 90 days (an interview and a P4MI referral, not an arrest). */
export function entriesForFoiledDeparture(data: Foiled, eventId: string): EntryDecision[] {
  return data.candidates.map((candidate) => ({
    legalType: 'protective',
    action: 'refer',
    person: checkpointPerson(candidate.person),
    reason: `Prospective worker stopped before a non-procedural departure (polda ${data.polda}); refer to P4MI.`,
    validFrom: data.occurredAt,
    validUntil: addDays(data.occurredAt, PROTECTIVE_VALID_DAYS),
    origin: { unit: `polda:${data.polda}`, eventId, personId: candidate.candidateId },
  }));
}

/** How an entry reads at `now`: revoked, expired (past validUntil: checkpoints lapse it themselves) or active. */
export function entryStatusAt(
  status: string,
  validUntil: string,
  now: Date,
): 'active' | 'revoked' | 'expired' {
  if (status === 'revoked') return 'revoked';
  return Date.parse(validUntil) <= now.getTime() ? 'expired' : 'active';
}

/** The version a revocation or re-issue publishes: always above the stored one. */
export function nextVersion(current: number): number {
  return current + 1;
}
