import { Body, Controller, Headers, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { DELAY_REASONS, STATED_PURPOSES, type DelayReason, type StatedPurpose } from '@simpul/contracts';
import {
  CurrentUnit,
  fieldProblem as problem,
  isPlainObject as isObject,
  trimStrings,
  unknownPropertyProblems as unknownKeyProblems,
  validationFailed,
  type ValidationIssue,
  type Unit,
} from '@simpul/http';
import { assertServedCheckpointUnit } from '../../deployment/checkpoint-unit.js';
import { ScreeningNotFound } from '../screening.errors.js';
import { ServedCheckpoints } from '../../deployment/served-checkpoints.js';
import { MAX_DELAY_DAYS, OUTCOMES, type Outcome } from './record-outcome.rules.js';
import { RecordOutcomeService, type OutcomeRequest, type OutcomeResult } from './record-outcome.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('screenings')
@ApiBearerAuth()
@Controller('v1/screenings')
export class RecordOutcomeHttpController {
  constructor(
    @Inject(RecordOutcomeService) private readonly service: RecordOutcomeService,
    @Inject(ServedCheckpoints) private readonly served: ServedCheckpoints,
  ) {}

  @Post(':id/outcome')
  @HttpCode(201)
  @ApiBody({
    schema: {
      type: 'object',
      required: ['outcome', 'officer'],
      additionalProperties: false,
      properties: {
        outcome: { type: 'string', enum: [...OUTCOMES] },
        officer: { type: 'string', minLength: 1, maxLength: 120, description: 'Officer id (not a name).' },
        note: { type: 'string', maxLength: 1000 },
        reason: {
          type: 'string',
          enum: [...DELAY_REASONS],
          description: 'Default watchlist_match if the screening matched, else non_procedural_worker.',
        },
        statedPurpose: { type: 'string', enum: [...STATED_PURPOSES] },
        validForDays: { type: 'integer', minimum: 1, maximum: MAX_DELAY_DAYS, default: MAX_DELAY_DAYS },
      },
    },
  })
  @ApiCreatedResponse({
    description:
      '{ screeningId, outcome, delayId?, eventId?, validUntil? }; departure_delayed publishes immigration.departure.delayed.v1. ' +
      '403 AUTH.WRONG_UNIT (checked first: a unit that is not a checkpoint of this deployment, whatever the id); 400 VALIDATION_FAILED; 404 IMMIGRATION.SCREENING_NOT_FOUND; 409 IMMIGRATION.OUTCOME_ALREADY_RECORDED.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'A repeat with the same key returns the first result (not 409); another request under it is 409',
  })
  async record(
    @Param('id') id: string,
    @Body() raw: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<OutcomeResult> {
    // The unit first: a unit that is not one of our checkpoints must not learn which ids exist.
    assertServedCheckpointUnit(unit, this.served);
    if (!UUID.test(id)) throw validationFailed([problem('id', 'uuid', 'must be a UUID')]);
    const request = validateOutcomeBody(trimStrings(raw));
    // Another checkpoint's screening answers as one that does not exist: a checkpoint of this
    // deployment must not learn which ids exist at its neighbours either.
    const checkpoint = await this.service.checkpointOf(id);
    if (unit.id !== `checkpoint:${checkpoint}`) throw new ScreeningNotFound(id);
    return this.service.record(id, request, { unitId: unit.id, key: idempotencyKey, body: raw });
  }
}

function validateOutcomeBody(body: unknown): OutcomeRequest {
  if (!isObject(body)) throw validationFailed([problem('', 'type', 'must be a JSON object')]);
  const problems: ValidationIssue[] = unknownKeyProblems(body, [
    'outcome',
    'officer',
    'note',
    'reason',
    'statedPurpose',
    'validForDays',
  ]);
  const { outcome, officer, note, reason, statedPurpose, validForDays } = body;
  if (outcome === undefined) problems.push(problem('outcome', 'required', 'is required'));
  else if (!(OUTCOMES as readonly unknown[]).includes(outcome))
    problems.push(problem('outcome', 'enum', `must be one of ${OUTCOMES.join(', ')}`));
  if (officer === undefined) problems.push(problem('officer', 'required', 'is required'));
  else if (typeof officer !== 'string') problems.push(problem('officer', 'type', 'must be a string'));
  else if (officer.length < 1) problems.push(problem('officer', 'minLength', 'must not be empty'));
  else if ([...officer].length > 120)
    problems.push(problem('officer', 'maxLength', 'must be at most 120 characters'));
  if (note !== undefined) {
    if (typeof note !== 'string') problems.push(problem('note', 'type', 'must be a string'));
    else if ([...note].length > 1000)
      problems.push(problem('note', 'maxLength', 'must be at most 1000 characters'));
  }
  if (reason !== undefined && !(DELAY_REASONS as readonly unknown[]).includes(reason))
    problems.push(problem('reason', 'enum', `must be one of ${DELAY_REASONS.join(', ')}`));
  if (statedPurpose !== undefined && !(STATED_PURPOSES as readonly unknown[]).includes(statedPurpose))
    problems.push(problem('statedPurpose', 'enum', `must be one of ${STATED_PURPOSES.join(', ')}`));
  if (validForDays !== undefined) {
    if (typeof validForDays !== 'number' || !Number.isInteger(validForDays))
      problems.push(problem('validForDays', 'type', 'must be an integer'));
    else if (validForDays < 1) problems.push(problem('validForDays', 'min', 'must be at least 1'));
    else if (validForDays > MAX_DELAY_DAYS)
      problems.push(problem('validForDays', 'max', `must be at most ${MAX_DELAY_DAYS}`));
  }
  if (problems.length > 0) throw validationFailed(problems);
  return {
    outcome: outcome as Outcome,
    officer: officer as string,
    ...(note !== undefined ? { note: note as string } : {}),
    ...(reason !== undefined ? { reason: reason as DelayReason } : {}),
    ...(statedPurpose !== undefined ? { statedPurpose: statedPurpose as StatedPurpose } : {}),
    ...(validForDays !== undefined ? { validForDays: validForDays as number } : {}),
  };
}
