import { Inject, Injectable } from '@nestjs/common';
import { uuidv7 } from '@simpul/contracts';
import { validationFailed, type Unit } from '@simpul/http';
import { DataSource } from 'typeorm';
import { Interception } from '../../interceptions/interception.entity.js';
import { RecordingService, type RecordedResponse } from '../../recording/recording.service.js';
import { Arrest } from '../arrest.entity.js';
import { arrestCorrelationId, arrestEventFromBody, namedInterceptionId } from '../arrest.rules.js';

/** Records an arrest for the Polda the body names and announces it (police.arrest.recorded.v1) through the outbox. */
@Injectable()
export class RecordArrestService {
  constructor(
    @Inject(RecordingService) private readonly recording: RecordingService,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  record(
    unit: Unit,
    body: unknown,
    idempotencyKey: string | undefined,
  ): Promise<{ statusCode: number; body: RecordedResponse }> {
    return this.recording.record({
      operation: 'arrests',
      audit: { action: 'arrest.recorded', recordType: 'arrest' },
      unit,
      idempotencyKey,
      body,
      prepare: async (trimmed) => {
        const interceptionId = namedInterceptionId(trimmed);
        const interception = interceptionId
          ? await this.dataSource.getRepository(Interception).findOneBy({ interceptionId })
          : null;
        const correlationId = arrestCorrelationId(trimmed, interception);
        const built = arrestEventFromBody(trimmed, uuidv7, { correlationId });
        if (!built.ok) throw validationFailed(built.problems);
        const { event } = built;
        return {
          id: event.data.arrestId,
          polda: event.data.polda,
          event,
          insert: async (manager) => {
            await manager.insert(Arrest, {
              arrestId: event.data.arrestId,
              eventId: event.id,
              polda: event.data.polda,
              reportNumber: event.data.reportNumber,
              occurredAt: new Date(event.data.occurredAt),
              data: event.data,
            });
          },
        };
      },
    });
  }
}
