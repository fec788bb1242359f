import type { EntityManager } from 'typeorm';

/**
 * Acknowledges an open alert for `unitId` in the caller's transaction; an alert already acknowledged
 * keeps its first acknowledgement. The one statement both the desk's acknowledgement and a dispatch
 * run, so the two leave the same alert behind (and the alert stream sends the same change).
 */
export async function acknowledgeAlert(
  manager: EntityManager,
  alertId: string,
  unitId: string,
): Promise<void> {
  await manager.query(
    `UPDATE ministry_alert SET status = 'acknowledged', acknowledged_at = now(), acknowledged_by = $2
      WHERE id = $1 AND status = 'open'`,
    [alertId, unitId],
  );
}
