import type { Person, WatchlistOrigin } from '@simpul/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The ministry's current state of a watchlist entry (highest version wins). Personal data: `person`
 * (without NIK, passport number and phone numbers), and the identifiers sealed by PersonVault: encrypted (bound to
 * the row) for re-publishing and re-identification, blind-indexed for searching.
 */
@Entity({ name: 'ministry_watchlist_entry' })
export class WatchlistEntryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('int') version!: number;
  @Column('text', { name: 'legal_type' }) legalType!: string;
  @Column('text') action!: string;
  /** The person without `nik`, `passportNumber` and `phoneNumbers` (those are only in the columns below). */
  @Column('jsonb') person!: Person;
  @Column('text', { name: 'nik_encrypted', nullable: true }) nikEncrypted!: string | null;
  @Column('text', { name: 'passport_encrypted', nullable: true }) passportEncrypted!: string | null;
  @Column('text', { name: 'nik_index', nullable: true }) nikIndex!: string | null;
  @Column('text', { name: 'passport_index', nullable: true }) passportIndex!: string | null;
  @Column('text', { name: 'phone_encrypted', nullable: true }) phoneEncrypted!: string | null;
  @Column('text', { name: 'phone_indexes', array: true, nullable: true }) phoneIndexes!: string[] | null;
  @Column('text') reason!: string;
  @Column('text', { name: 'issued_by' }) issuedBy!: string;
  @Column('text', { name: 'decision_number', nullable: true }) decisionNumber!: string | null;
  @Column('text', { name: 'extension_decision_number', nullable: true }) extensionDecisionNumber!:
    string | null;
  /** As issued (ISO 8601 with its zone), so a re-issue carries the same instant. */
  @Column('text', { name: 'valid_from' }) validFrom!: string;
  @Column('text', { name: 'valid_until' }) validUntil!: string;
  @Column('timestamptz', { name: 'valid_until_at' }) validUntilAt!: Date;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  @Column('jsonb', { nullable: true }) origin!: WatchlistOrigin | null;
  /** `active` or `revoked`; `expired` is derived from validUntil when read. */
  @Column('text') status!: string;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column('timestamptz', { name: 'issued_at' }) issuedAt!: Date;
  /** The ministry event that published the current version (issued or revoked). */
  @Column('uuid', { name: 'last_event_id' }) lastEventId!: string;
}
