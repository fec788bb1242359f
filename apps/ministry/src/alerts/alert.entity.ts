import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ALERT_STATUSES = ['open', 'acknowledged'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** An alert for the ministry's rapid response team (as published in ministry.alert.raised.v1). */
@Entity({ name: 'ministry_alert' })
export class AlertEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') severity!: string;
  @Column('text') kind!: string;
  @Column('text') region!: string;
  /** Summary with counts and codes only: no names or identifiers of people. */
  @Column('text') summary!: string;
  @Column('text', { array: true, name: 'source_event_ids' }) sourceEventIds!: string[];
  @Column('text') status!: AlertStatus;
  @Column('timestamptz', { name: 'raised_at' }) raisedAt!: Date;
  @Column('timestamptz', { name: 'acknowledged_at', nullable: true }) acknowledgedAt!: Date | null;
  /** Unit id of the desk that acknowledged it. */
  @Column('text', { name: 'acknowledged_by', nullable: true }) acknowledgedBy!: string | null;
  /**
   * Position in the alerts' change feed (bigint, as a decimal string): stamped at the commit of every
   * insert or update, in commit order (migration AlertChangeFeed1797600000001). Written by the
   * database only.
   */
  @Column({ type: 'bigint', name: 'change_seq', insert: false, update: false }) changeSeq!: string;
}
