import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PoliceArrestRecordedV1 } from '@simpul/contracts';

/** An arrest a served Polda recorded (table `arrests`). `data` holds personal data of suspects. */
@Entity({ name: 'arrests' })
export class Arrest {
  /** Arrest id (UUIDv7, generated here). */
  @PrimaryColumn({ name: 'arrest_id', type: 'uuid' })
  arrestId!: string;

  /** Id of the `police.arrest.recorded.v1` event that announced it. */
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** Code of the Polda that recorded it (`riau`); only that Polda's token may read it. */
  @Column({ type: 'text' })
  polda!: string;

  /** Police report number (Laporan Polisi). Not personal data. */
  @Column({ name: 'report_number', type: 'text' })
  reportNumber!: string;

  /** When the arrest happened. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** The event's `data` exactly as published. Personal data (criminal records: specific data, UU PDP). */
  @Column({ type: 'jsonb' })
  data!: PoliceArrestRecordedV1;

  /** When this service recorded it. */
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
