import { Inject, Injectable } from '@nestjs/common';
import type { SimpulEvent } from '@simpul/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { identityKeys, type PersonLike } from '../watchlist/identity.rules.js';

/** A live delay at another checkpoint that the traveller matches (ids and dates only). */
export interface DelayElsewhere {
  delayId: string;
  checkpoint: string;
  validUntil: string;
}

/** Departure delays, this deployment's and other checkpoints': recorded, and looked up at screening. */
@Injectable()
export class DelaysService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Records a delay (idempotent on delayId) inside the caller's transaction. */
  async record(
    manager: EntityManager,
    event: SimpulEvent<'immigration.departure.delayed.v1'>,
  ): Promise<void> {
    const d = event.data;
    const keys = identityKeys(d.traveler);
    await manager.query(
      `INSERT INTO delays (delay_id, checkpoint, occurred_at, valid_until, reason, nik, passport_key,
                           name_dob_key, screening_id, event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (delay_id) DO NOTHING`,
      [
        d.delayId,
        d.checkpoint,
        d.occurredAt,
        d.validUntil,
        d.reason,
        keys.nik ?? null,
        keys.passport ?? null,
        // The full name + date of birth key (aliases are matched from the traveller's side).
        keys.nameDob[0] ?? null,
        d.screeningId ?? null,
        event.id,
      ],
    );
  }

  /**
   * Live delays (validUntil after `now`) at checkpoints other than `checkpoint` of a traveller with
   * the same NIK, the same passport, or the same normalised name + date of birth.
   */
  async delaysElsewhere(traveler: PersonLike, checkpoint: string, now: Date): Promise<DelayElsewhere[]> {
    const keys = identityKeys(traveler);
    if (!keys.nik && !keys.passport && keys.nameDob.length === 0) return [];
    const rows: Array<{ delay_id: string; checkpoint: string; valid_until: Date }> =
      await this.dataSource.query(
        `SELECT delay_id, checkpoint, valid_until FROM delays
        WHERE checkpoint <> $1 AND valid_until > $2
          AND (nik = $3 OR passport_key = $4 OR name_dob_key = ANY($5::text[]))
        ORDER BY valid_until DESC`,
        [checkpoint, now, keys.nik ?? null, keys.passport ?? null, keys.nameDob],
      );
    return rows.map((r) => ({
      delayId: r.delay_id,
      checkpoint: r.checkpoint,
      validUntil: r.valid_until.toISOString(),
    }));
  }
}
