import { Inject, Injectable, type Type } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import { MINISTRY_PATROL_FINDING_RECORDED_V1, type SimpulEvent } from '@simpul/contracts';
import { auditEventStep } from '../../audit/audit-step.js';
import { PoliceUnits } from '../../config/police-units.js';
import { leadToKeep } from '../lead.rules.js';

/**
 * The ministry's cyber patrol recorded a finding: when its region is a Polda this deployment
 * serves, keep it as that Polda's lead (GET /v1/leads); otherwise acknowledge it and keep nothing.
 * Every deployment reads every finding on a durable of its own (`police-<deployment>-leads`): the
 * subject does not name the Polda, so a deployment acknowledging a finding it does not keep takes
 * nothing from another. Runs in the inbox's transaction; a repeat finding id adds nothing.
 */
export function recordLeadWhenFindingRecorded(durable: string): Type<unknown> {
  @Injectable()
  class RecordLeadWhenFindingRecorded {
    constructor(@Inject(PoliceUnits) private readonly units: PoliceUnits) {}

    @OnBusEvent(MINISTRY_PATROL_FINDING_RECORDED_V1, { consumer: durable })
    async handle(
      event: SimpulEvent<typeof MINISTRY_PATROL_FINDING_RECORDED_V1>,
      { manager }: EventContext,
    ): Promise<void> {
      const row = leadToKeep(event.id, event.data, (code) => this.units.serves(code));
      if (!row) return;
      const inserted: unknown[] = await manager.query(
        `INSERT INTO leads (finding_id, event_id, region, recorded_at, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (finding_id) DO NOTHING RETURNING finding_id`,
        [row.findingId, row.eventId, row.region, row.recordedAt, JSON.stringify(row.data)],
      );
      // A finding already kept is not processed again in the append-only audit chain.
      if (inserted.length === 0) return;
      auditEventStep(manager, event, {
        action: 'patrol_finding.received',
        recordType: 'lead',
        recordId: row.findingId,
      });
    }
  }
  return RecordLeadWhenFindingRecorded;
}
