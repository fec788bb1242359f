import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A checkpoint match on a person a served Polda reported (table `matches`), from
 * `immigration.screening.matched.v1`. Ids, codes and scores only: the traveller's details are not
 * kept (the Polda finds its own record through `originPersonId`).
 */
@Entity({ name: 'matches' })
export class Match {
  /** Id of the `immigration.screening.matched.v1` event. */
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'screening_id', type: 'uuid' })
  screeningId!: string;

  /** Watchlist entry matched, and the version the checkpoint held. */
  @Column({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ name: 'entry_version', type: 'integer' })
  entryVersion!: number;

  /** Checkpoint code (`batam-center`). */
  @Column({ type: 'text' })
  checkpoint!: string;

  /** `refer` or `deny`. */
  @Column({ type: 'text' })
  decision!: string;

  /** Match score 0..1. */
  @Column({ type: 'double precision' })
  score!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** Unit id that reported the person (`polda:riau`): only its token lists the match. */
  @Column({ name: 'origin_unit', type: 'text' })
  originUnit!: string;

  /** Id of the police event that reported the person. */
  @Column({ name: 'origin_event_id', type: 'uuid' })
  originEventId!: string;

  /** suspectId or candidateId in that event (a pseudonymous identifier), when the entry carried it. */
  @Column({ name: 'origin_person_id', type: 'uuid', nullable: true })
  originPersonId!: string | null;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
