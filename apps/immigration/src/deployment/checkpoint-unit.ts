import type { Unit } from '@simpul/http';
import { NotAServedCheckpoint } from './checkpoint-unit.errors.js';
import type { ServedCheckpoints } from './served-checkpoints.js';

/**
 * Only the checkpoints this deployment serves may use its API. Checked before anything is looked
 * up, so another unit learns nothing (not even which ids exist) from the answer.
 */
export function assertServedCheckpointUnit(unit: Unit, served: ServedCheckpoints): void {
  if (unit.kind !== 'checkpoint' || !served.has(unit.code)) throw new NotAServedCheckpoint(unit.id);
}
