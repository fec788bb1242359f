import { ApiException, type Unit } from '@simpul/http';
import type { ServedCheckpoints } from './served-checkpoints.js';

/**
 * Only the checkpoints this deployment serves may use its API. Checked before anything is looked
 * up, so another unit learns nothing (not even which ids exist) from the answer.
 */
export function assertServedCheckpointUnit(unit: Unit, served: ServedCheckpoints): void {
  if (unit.kind !== 'checkpoint' || !served.has(unit.code)) {
    throw new ApiException(
      403,
      'AUTH.WRONG_UNIT',
      `unit ${unit.id} is not a checkpoint served by this deployment`,
    );
  }
}
