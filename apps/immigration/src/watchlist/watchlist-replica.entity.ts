import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One watchlist entry as this checkpoint holds it (personal data: `person`). */
@Entity({ name: 'watchlist_replica' })
export class WatchlistReplicaEntry {
  @PrimaryColumn({ name: 'entry_id', type: 'uuid' }) entryId!: string;
  @Column({ type: 'integer' }) version!: number;
  /** 2 * version, +1 for a revoke. */
  @Column({ type: 'bigint' }) rank!: string;
  @Column({ name: 'legal_type', type: 'text', nullable: true }) legalType!: string | null;
  @Column({ type: 'text', nullable: true }) action!: string | null;
  @Column({ type: 'jsonb', nullable: true }) person!: object | null;
  @Column({ name: 'valid_from', type: 'timestamptz', nullable: true }) validFrom!: Date | null;
  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true }) validUntil!: Date | null;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'jsonb', nullable: true }) origin!: object | null;
  @Column({ name: 'stream_sequence', type: 'bigint' }) streamSequence!: string;
  @Column({ name: 'applied_at', type: 'timestamptz' }) appliedAt!: Date;
  /** Position in the table's change feed, stamped by a trigger on every insert and update. */
  @Column({ name: 'change_seq', type: 'bigint' }) changeSeq!: string;
}

/** The replica's high-water mark: last applied stream sequence and when. */
@Entity({ name: 'watchlist_replica_state' })
export class WatchlistReplicaState {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ name: 'last_sequence', type: 'bigint' }) lastSequence!: string;
  @Column({ name: 'last_applied_at', type: 'timestamptz', nullable: true }) lastAppliedAt!: Date | null;
}
