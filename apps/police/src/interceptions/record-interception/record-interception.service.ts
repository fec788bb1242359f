import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@simpul/contracts';
import { validationFailed, type Unit } from '@simpul/http';
import { RecordingService, type RecordedResponse } from '../../recording/recording.service.js';
import { Interception } from '../interception.entity.js';
import { interceptionEventFromBody } from '../interception.rules.js';

/** Records a foiled departure for the Polda the body names and announces it (police.departure.foiled.v1) through the outbox. */
@Injectable()
export class RecordInterceptionService {
  constructor(@Inject(RecordingService) private readonly recording: RecordingService) {}

  record(
    unit: Unit,
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<{ statusCode: number; body: RecordedResponse }> {
    return this.recording.record({
      operation: 'interceptions',
      audit: { action: 'interception.recorded', recordType: 'interception' },
      unit,
      idempotencyKey,
      body,
      prepare: (trimmed) => {
        const built = interceptionEventFromBody(trimmed, uuidv7);
        if (!built.ok) throw validationFailed(built.problems);
        const { event } = built;
        return {
          id: event.data.interceptionId,
          polda: event.data.polda,
          event,
          insert: async (manager) => {
            await manager.insert(Interception, {
              interceptionId: event.data.interceptionId,
              eventId: event.id,
              polda: event.data.polda,
              candidateCount: event.data.candidateCount,
              occurredAt: new Date(event.data.occurredAt),
              data: event.data,
            });
          },
        };
      },
    });
  }
}
