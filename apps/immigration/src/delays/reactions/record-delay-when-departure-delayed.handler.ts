import { Inject, Injectable, type Type } from '@nestjs/common';
import { OnBusEvent, type EventContext } from '@simpul/bus';
import { IMMIGRATION_DEPARTURE_DELAYED_V1, type SimpulEvent } from '@simpul/contracts';
import { auditEventSteps } from '../../audit/audit-step.js';
import { DelaysService } from '../delays.service.js';

/**
 * Records every checkpoint's departure delays (`immigration-<site>-delays`), so the traveller is
 * referred at any other exit until the delay's validUntil. Our own delays come back too: recording
 * is idempotent on delayId. The durable name comes from config, so the class is made per module.
 */
export function recordDelayWhenDepartureDelayed(durable: string): Type<unknown> {
  @Injectable()
  class RecordDelayWhenDepartureDelayed {
    constructor(@Inject(DelaysService) private readonly delays: DelaysService) {}

    @OnBusEvent(IMMIGRATION_DEPARTURE_DELAYED_V1, { consumer: durable })
    async handle(
      event: SimpulEvent<'immigration.departure.delayed.v1'>,
      { manager }: EventContext,
    ): Promise<void> {
      await this.delays.record(manager, event);
      auditEventSteps(manager, [
        {
          event,
          step: { action: 'departure_delay.recorded', recordType: 'delay', recordId: event.data.delayId },
        },
      ]);
    }
  }
  return RecordDelayWhenDepartureDelayed;
}
