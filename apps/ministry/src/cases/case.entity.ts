import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A ministry case: the events about one operation or person, linked by report number, interception or identity. */
@Entity({ name: 'ministry_case' })
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  /** Polda or checkpoint code of the event that opened the case. */
  @Column('text') region!: string;
  /** Event that opened the case. */
  @Column('uuid', { name: 'opened_by_event_id' }) openedByEventId!: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'opened_at' }) openedAt!: Date;
}

/**
 * A key that links events to a case: `report` (police report number), `interception` (interceptionId),
 * `nik`, `passport`, `name_dob` (normalised full name `|` date of birth, case.rules.ts); the last
 * three are personal data, so their value is a keyed blind index (PersonVault.storedLinkKeys), never
 * the identifier itself. Looked up by the primary key (kind, value).
 */
@Entity({ name: 'ministry_case_link' })
export class CaseLinkEntity {
  @PrimaryColumn('text') kind!: string;
  @PrimaryColumn('text') value!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
}

/** An event linked into a case (ids only: no narrative, no personal data). */
@Entity({ name: 'ministry_case_event' })
export class CaseEventEntity {
  @PrimaryColumn('uuid', { name: 'case_id' }) caseId!: string;
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
}
