import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A departure delay, here or at another checkpoint; match keys are normalised identifiers (personal data). */
@Entity({ name: 'delays' })
export class Delay {
  @PrimaryColumn({ name: 'delay_id', type: 'uuid' }) delayId!: string;
  @Column({ type: 'text' }) checkpoint!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'valid_until', type: 'timestamptz' }) validUntil!: Date;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'text', nullable: true }) nik!: string | null;
  @Column({ name: 'passport_key', type: 'text', nullable: true }) passportKey!: string | null;
  @Column({ name: 'name_dob_key', type: 'text', nullable: true }) nameDobKey!: string | null;
  @Column({ name: 'screening_id', type: 'uuid', nullable: true }) screeningId!: string | null;
  @Column({ name: 'event_id', type: 'uuid' }) eventId!: string;
}
