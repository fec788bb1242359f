import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import {
  checkpointSource,
  dataSchemaFor,
  DATA_CONTENT_TYPE,
  jsonSchemaFor,
  SPEC_VERSION,
  STATED_PURPOSES,
  validateEvent,
  type Person,
  type StatedPurpose,
} from '@simpul/contracts';
import { ApiException, assertActsFor, CurrentUnit, type FieldProblem, type Unit } from '@simpul/http';
import { ServedCheckpoints } from '../../shared/served-checkpoints.js';
import {
  bodyProblems,
  isObject,
  problem,
  trimStrings,
  unknownKeyProblems,
  validationFailed,
} from '../../shared/request-body.js';
import { ScreenTravelerService, type ScreeningResult } from './screen-traveler.service.js';

const PROBE_ID = '00000000-0000-4000-8000-000000000000';
const PROBE_TIME = '2025-01-01T00:00:00Z';

const personSchema = (jsonSchemaFor('immigration.screening.matched.v1').definitions as Record<string, object>)
  .Person;

@ApiTags('screenings')
@ApiBearerAuth()
@Controller('v1/screenings')
export class ScreenTravelerHttpController {
  constructor(
    @Inject(ScreenTravelerService) private readonly service: ScreenTravelerService,
    @Inject(ServedCheckpoints) private readonly served: ServedCheckpoints,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['checkpoint', 'traveler'],
      additionalProperties: false,
      properties: {
        checkpoint: {
          type: 'string',
          description: 'Checkpoint code (batam-center); the token must be its unit.',
        },
        traveler: personSchema ?? { type: 'object' },
        travel: {
          type: 'object',
          additionalProperties: false,
          properties: {
            destinationCountry: { type: 'string', pattern: '^[A-Z]{3}$' },
            statedPurpose: { type: 'string', enum: [...STATED_PURPOSES] },
          },
        },
      },
    },
  })
  @ApiCreatedResponse({
    description:
      '{ screeningId, decision: clear|refer|deny, matches: [{ entryId, entryVersion, legalType, action, score (0..1), ' +
      'effect: deny|refer|monitor (monitor never changes a clear), reasons (@simpul/screening reason codes) }], ' +
      'reasons, delaysElsewhere, watchlist: { sequence, asOf } }. 400 VALIDATION_FAILED; 403 AUTH.WRONG_UNIT or ' +
      'IMMIGRATION.CHECKPOINT_NOT_SERVED.',
  })
  async screen(@Body() raw: unknown, @CurrentUnit() unit: Unit): Promise<ScreeningResult> {
    const body = trimStrings(raw);
    const request = validateScreeningBody(body);
    assertActsFor(unit, `checkpoint:${request.checkpoint}`);
    if (!this.served.has(request.checkpoint)) {
      throw new ApiException(
        403,
        'IMMIGRATION.CHECKPOINT_NOT_SERVED',
        `checkpoint ${request.checkpoint} is not served by this deployment`,
      );
    }
    return this.service.screen(request);
  }
}

/** Validates the screening body with the contract's Person and checkpoint rules; throws 400 naming every field. */
function validateScreeningBody(body: unknown): {
  checkpoint: string;
  traveler: Person;
  travel?: { destinationCountry?: string; statedPurpose?: StatedPurpose };
} {
  if (!isObject(body)) throw validationFailed([problem('', 'type', 'must be a JSON object')]);
  const problems: FieldProblem[] = unknownKeyProblems(body, ['checkpoint', 'traveler', 'travel']);
  const checkpoint = typeof body.checkpoint === 'string' ? body.checkpoint : 'x';
  const probe = {
    specversion: SPEC_VERSION,
    id: PROBE_ID,
    source: checkpointSource(checkpoint),
    type: 'immigration.screening.matched.v1',
    time: PROBE_TIME,
    datacontenttype: DATA_CONTENT_TYPE,
    dataschema: dataSchemaFor('immigration.screening.matched.v1'),
    correlationid: PROBE_ID,
    data: {
      screeningId: PROBE_ID,
      checkpoint: body.checkpoint,
      occurredAt: PROBE_TIME,
      entryId: PROBE_ID,
      entryVersion: 1,
      score: 1,
      decision: 'refer',
      traveler: body.traveler,
    },
  };
  const result = validateEvent(probe);
  if (!result.ok) problems.push(...bodyProblems(result.errors, ['checkpoint', 'traveler']));
  if (body.travel !== undefined) {
    if (!isObject(body.travel)) problems.push(problem('travel', 'type', 'must be an object'));
    else {
      problems.push(...unknownKeyProblems(body.travel, ['destinationCountry', 'statedPurpose'], 'travel.'));
      const { destinationCountry, statedPurpose } = body.travel;
      if (
        destinationCountry !== undefined &&
        (typeof destinationCountry !== 'string' || !/^[A-Z]{3}$/.test(destinationCountry))
      )
        problems.push(problem('travel.destinationCountry', 'pattern', 'must be an ISO 3166-1 alpha-3 code'));
      if (statedPurpose !== undefined && !(STATED_PURPOSES as readonly unknown[]).includes(statedPurpose))
        problems.push(
          problem('travel.statedPurpose', 'enum', `must be one of ${STATED_PURPOSES.join(', ')}`),
        );
    }
  }
  if (problems.length > 0) throw validationFailed(problems);
  return body as unknown as {
    checkpoint: string;
    traveler: Person;
    travel?: { destinationCountry?: string; statedPurpose?: StatedPurpose };
  };
}
