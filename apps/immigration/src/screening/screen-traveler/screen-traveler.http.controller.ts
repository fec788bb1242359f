import { Body, Controller, Headers, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import {
  jsonSchemaFor,
  parseShape,
  STATED_PURPOSES,
  UNIT_CODE_PATTERN,
  type Person,
  type StatedPurpose,
} from '@simpul/contracts';
import {
  ApiException,
  assertActsFor,
  CurrentUnit,
  fieldProblem,
  isPlainObject,
  normaliseBodyPhoneNumbers,
  shapeProblems,
  trimStrings,
  unknownPropertyProblems,
  validationFailed,
  type ValidationIssue,
  type Unit,
} from '@simpul/http';
import { ServedCheckpoints } from '../../deployment/served-checkpoints.js';
import { ScreenTravelerService, type ScreeningResult } from './screen-traveler.service.js';

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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first screening; another request under it is 409',
  })
  async screen(
    @Body() raw: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<ScreeningResult> {
    // The traveller is a contract Person: phone numbers read into E.164 as at every edge.
    const body = normaliseBodyPhoneNumbers(trimStrings(raw), ['traveler.phoneNumbers']);
    const request = validateScreeningBody(body);
    assertActsFor(unit, `checkpoint:${request.checkpoint}`);
    if (!this.served.has(request.checkpoint)) {
      throw new ApiException(
        403,
        'IMMIGRATION.CHECKPOINT_NOT_SERVED',
        `checkpoint ${request.checkpoint} is not served by this deployment`,
      );
    }
    return this.service.screen(request, { unitId: unit.id, key: idempotencyKey, body: raw });
  }
}

/** Validates the screening body with the contract's Person and checkpoint rules; throws 400 naming every field. */
function validateScreeningBody(body: unknown): {
  checkpoint: string;
  traveler: Person;
  travel?: { destinationCountry?: string; statedPurpose?: StatedPurpose };
} {
  if (!isPlainObject(body)) throw validationFailed([fieldProblem('', 'type', 'must be a JSON object')]);
  const problems: ValidationIssue[] = unknownPropertyProblems(body, ['checkpoint', 'traveler', 'travel']);
  // The checkpoint as the contract writes unit codes; the traveller as the contract's Person, alone.
  if (body.checkpoint === undefined) problems.push(fieldProblem('checkpoint', 'required', 'is required'));
  else if (
    typeof body.checkpoint !== 'string' ||
    body.checkpoint.length > 40 ||
    !UNIT_CODE_PATTERN.test(body.checkpoint)
  )
    problems.push(fieldProblem('checkpoint', 'pattern', 'must be a checkpoint code (batam-center)'));
  if (body.traveler === undefined) problems.push(fieldProblem('traveler', 'required', 'is required'));
  else {
    const traveler = parseShape('Person', body.traveler);
    if (!traveler.ok) problems.push(...shapeProblems('traveler', traveler.issues));
  }
  if (body.travel !== undefined) {
    if (!isPlainObject(body.travel)) problems.push(fieldProblem('travel', 'type', 'must be an object'));
    else {
      problems.push(
        ...unknownPropertyProblems(body.travel, ['destinationCountry', 'statedPurpose'], 'travel'),
      );
      const { destinationCountry, statedPurpose } = body.travel;
      if (
        destinationCountry !== undefined &&
        (typeof destinationCountry !== 'string' || !/^[A-Z]{3}$/.test(destinationCountry))
      )
        problems.push(
          fieldProblem('travel.destinationCountry', 'pattern', 'must be an ISO 3166-1 alpha-3 code'),
        );
      if (statedPurpose !== undefined && !(STATED_PURPOSES as readonly unknown[]).includes(statedPurpose))
        problems.push(
          fieldProblem('travel.statedPurpose', 'enum', `must be one of ${STATED_PURPOSES.join(', ')}`),
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
