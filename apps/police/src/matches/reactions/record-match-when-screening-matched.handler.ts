import { Inject, Injectable, type Type } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import { IMMIGRATION_SCREENING_MATCHED_V1, type SimpulEvent } from '@simpul/contracts';
import { auditEventStep } from '../../audit/audit-step.js';
import { PoliceUnits } from '../../config/police-units.js';
import { Match } from '../match.entity.js';
import { matchToKeep } from '../match.rules.js';

/**
 * A checkpoint matched a traveller against a watchlist entry: when the entry came from a Polda this
 * deployment serves, keep the match so that Polda sees it (GET /v1/matches). Every police
 * deployment reads every match on a durable of its own (`police-<deployment>-matches`): a match's
 * subject names the checkpoint, not the Polda, so one deployment acknowledging a match it does
 * not keep takes nothing from another. The durable name comes from config, so the class is made
 * per module. Runs in the inbox's transaction; a redelivery is a no-op (inbox), and a match is an
 * independent fact, so order does not matter.
 */
export function recordMatchWhenScreeningMatched(durable: string): Type<unknown> {
  @Injectable()
  class RecordMatchWhenScreeningMatched {
    constructor(@Inject(PoliceUnits) private readonly units: PoliceUnits) {}

    @OnBusEvent(IMMIGRATION_SCREENING_MATCHED_V1, { consumer: durable })
    async handle(
      event: SimpulEvent<typeof IMMIGRATION_SCREENING_MATCHED_V1>,
      { manager }: EventContext,
    ): Promise<void> {
      const row = matchToKeep(event.id, event.data, (unitId) => this.units.servesUnit(unitId));
      if (!row) return;
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(Match)
        .values(row)
        .orIgnore()
        .returning('event_id')
        .execute();
      // A match this deployment already holds (a new durable re-reading the stream after an
      // upgrade) changes nothing, so it is not processed again in the append-only audit chain.
      if ((inserted.raw as unknown[]).length === 0) return;
      auditEventStep(manager, event, {
        action: 'screening_match.recorded',
        recordType: 'match',
        recordId: event.id,
      });
    }
  }
  return RecordMatchWhenScreeningMatched;
}
