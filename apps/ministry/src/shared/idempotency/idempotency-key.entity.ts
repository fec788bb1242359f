import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first result of a desk request sent with an `Idempotency-Key` (table `ministry_idempotency_key`),
 * per calling unit: a repeat returns it, another request under the same key is refused. No personal
 * data (the request is kept only as a hash; results are ids and statuses).
 */
@Entity({ name: 'ministry_idempotency_key' })
export class IdempotencyKeyEntity {
  /** Unit id of the caller (`ministry:desk`): keys are scoped per unit. */
  @PrimaryColumn({ name: 'unit_id', type: 'text' }) unitId!: string;

  /** The `Idempotency-Key` header, 1-200 characters. */
  @PrimaryColumn({ type: 'text' }) key!: string;

  /** SHA-256 (hex) of the operation and the canonical JSON of the trimmed body. */
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;

  /** HTTP status of the first result. */
  @Column({ name: 'status_code', type: 'integer' }) statusCode!: number;

  /** Body of the first result. */
  @Column({ type: 'jsonb' }) response!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
