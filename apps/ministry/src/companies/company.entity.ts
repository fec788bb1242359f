import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A placement company (P3MI) named in events, identified by licence number, else normalised name. */
@Entity({ name: 'ministry_company' })
export class CompanyEntity {
  @PrimaryColumn('uuid') id!: string;
  /** `license:<number>` or `name:<normalised name>`; unique. */
  @Column('text', { name: 'identity_key', unique: true }) identityKey!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'license_number', nullable: true }) licenseNumber!: string | null;
  @Column('text', { array: true, name: 'source_event_ids' }) sourceEventIds!: string[];
  @Column('timestamptz', { name: 'first_seen_at' }) firstSeenAt!: Date;
}

/** A sanction the desk imposed (published as ministry.company.sanctioned.v1). */
@Entity({ name: 'ministry_company_sanction' })
export class CompanySanctionEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'company_id' }) companyId!: string;
  @Column('text') sanction!: string;
  @Column('text') reason!: string;
  @Column('text', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('text', { name: 'effective_until', nullable: true }) effectiveUntil!: string | null;
  @Column('uuid', { name: 'case_id', nullable: true }) caseId!: string | null;
  @Column('uuid', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'imposed_by' }) imposedBy!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
