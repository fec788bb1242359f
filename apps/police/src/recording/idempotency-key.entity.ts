import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first result of a request sent with an `Idempotency-Key` (table `idempotency_keys`), per
 * calling unit: a repeat returns it, a different body under the same key is refused. No personal data
 * (the request is kept only as a hash).
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKey {
  /** Unit id of the caller (`polda:riau`): keys are scoped per unit. */
  @PrimaryColumn({ name: 'unit_id', type: 'text' })
  unitId!: string;

  /** The `Idempotency-Key` header, 1-200 characters. */
  @PrimaryColumn({ type: 'text' })
  key!: string;

  /** SHA-256 (hex) of the operation and the canonical JSON of the trimmed body. */
  @Column({ name: 'request_hash', type: 'text' })
  requestHash!: string;

  /** HTTP status of the first result. */
  @Column({ name: 'status_code', type: 'integer' })
  statusCode!: number;

  /** Body of the first result (`{ id, eventId }`: ids only). */
  @Column({ type: 'jsonb' })
  response!: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
