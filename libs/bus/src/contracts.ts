/**
 * The bus's only door to `@simpul/contracts`: everything it needs from the schema library goes
 * through here, so a renamed export is a one-line change.
 */
import { natsSubjectFor, parseEvent, sourceOwnsSubject, type ValidationIssue } from '@simpul/contracts';

/** The CloudEvents 1.0 envelope fields the bus itself reads (docs/contract.md §4). */
export interface BusEvent {
  specversion: string;
  id: string;
  source: string;
  type: string;
  time: string;
  data: unknown;
  subject?: string;
  correlationid?: string;
  causationid?: string;
}

export type ContractParseResult = { ok: true; event: BusEvent } | { ok: false; errors: ValidationIssue[] };

/** Parses and validates a raw body against the event catalogue. */
export function parseContractEvent(raw: Uint8Array | string): ContractParseResult {
  return parseEvent(raw) as unknown as ContractParseResult;
}

/** The NATS subject an event belongs on (type + unit token). */
export function contractSubjectFor(event: BusEvent): string {
  return natsSubjectFor(event as unknown as Parameters<typeof natsSubjectFor>[0]);
}

/**
 * True when the unit named by `source` owns `subject` (`/polri/polda/riau` owns `police.riau.*`,
 * any `/kp2mi/` source owns `ministry.*`); false for subjects of no known event type.
 */
export function contractSourceOwnsSubject(source: string, subject: string): boolean {
  return sourceOwnsSubject(source, subject);
}
