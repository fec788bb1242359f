import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One screening at a desk and its outcome (personal data: `traveler`, `travel`). */
@Entity({ name: 'screenings' })
export class Screening {
  @PrimaryColumn({ name: 'screening_id', type: 'uuid' }) screeningId!: string;
  @Column({ type: 'text' }) checkpoint!: string;
  @Column({ name: 'screened_at', type: 'timestamptz' }) screenedAt!: Date;
  @Column({ type: 'text' }) decision!: string;
  @Column({ type: 'jsonb' }) traveler!: object;
  @Column({ type: 'jsonb', nullable: true }) travel!: object | null;
  @Column({ type: 'jsonb' }) matches!: object;
  @Column({ type: 'jsonb' }) reasons!: object;
  @Column({ name: 'watchlist_sequence', type: 'bigint' }) watchlistSequence!: string;
  @Column({ type: 'text', nullable: true }) outcome!: string | null;
  @Column({ name: 'outcome_at', type: 'timestamptz', nullable: true }) outcomeAt!: Date | null;
  @Column({ type: 'text', nullable: true }) officer!: string | null;
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'delay_id', type: 'uuid', nullable: true }) delayId!: string | null;
}
