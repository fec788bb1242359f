import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PoliceDepartureFoiledV1 } from '@simpul/contracts';

/** A foiled departure a served Polda recorded (table `interceptions`). `data` holds personal data of likely victims. */
@Entity({ name: 'interceptions' })
export class Interception {
  /** Interception id (UUIDv7, generated here). */
  @PrimaryColumn({ name: 'interception_id', type: 'uuid' })
  interceptionId!: string;

  /** Id of the `police.departure.foiled.v1` event that announced it. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** Code of the Polda that recorded it; only that Polda's token may read it. */
  @Column({ type: 'text' })
  polda!: string;

  /** When the departure was stopped. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** How many people were stopped (the prevention figure). Not personal data. */
  @Column({ name: 'candidate_count', type: 'integer' })
  candidateCount!: number;

  /** The event's `data` exactly as published. Personal data of likely victims (Law 21/2007 art. 44). */
  @Column({ type: 'jsonb' })
  data!: PoliceDepartureFoiledV1;

  /** When this service recorded it. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
