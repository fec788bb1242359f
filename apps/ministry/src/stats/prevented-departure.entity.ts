import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One event that prevented departures (docs/contract.md §5 end): a foiled departure (count = candidateCount)
 * or a departure delay (count = 1). Keyed by the source event id, so each event counts once.
 */
@Entity({ name: 'ministry_prevented_departure' })
export class PreventedDepartureEntity {
  @PrimaryColumn('uuid', { name: 'event_id' }) eventId!: string;
  /** interceptionId or delayId (unique: a fact counts once whatever event carried it). */
  @Column('uuid', { name: 'fact_id', unique: true }) factId!: string;
  /** `foiled` or `delayed`. */
  @Column('text') kind!: string;
  @Column('text', { nullable: true }) polda!: string | null;
  /** The delay's checkpoint, or the foiled departure's route.exitPoint (a checkpoint code or a place). */
  @Column('text', { nullable: true }) checkpoint!: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('int') prevented!: number;
}
