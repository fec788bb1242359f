import { Body, Controller, Headers, Inject, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { POLICE_DEPARTURE_FOILED_V1 } from '@simpul/contracts';
import { CurrentUnit, type Unit, bodySchemaFor } from '@simpul/http';
import type { Response } from 'express';
import { RecordInterceptionService } from './record-interception.service.js';

@ApiTags('interceptions')
@ApiBearerAuth()
@Controller('v1/interceptions')
export class RecordInterceptionHttpController {
  constructor(@Inject(RecordInterceptionService) private readonly service: RecordInterceptionService) {}

  @Post()
  @ApiOperation({
    summary: 'Record a foiled departure (interception)',
    description:
      'The body is the data of police.departure.foiled.v1 without interceptionId and candidateId (generated, UUIDv7). ' +
      'The token must belong to polda:<body.polda>. Strings are trimmed before validation.',
  })
  @ApiBody({
    schema: bodySchemaFor(POLICE_DEPARTURE_FOILED_V1, ['interceptionId', 'candidates[].candidateId']),
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result',
  })
  @ApiResponse({ status: 201, description: '{ id, eventId }' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED, every failing field in details' })
  @ApiResponse({ status: 403, description: 'AUTH.WRONG_UNIT or POLICE.POLDA_NOT_SERVED' })
  @ApiResponse({ status: 409, description: 'IDEMPOTENCY_KEY_REUSED' })
  async record(
    @CurrentUnit() unit: Unit,
    @Body() body: unknown,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const result = await this.service.record(unit, body, idempotencyKey);
    res.status(result.statusCode).json(result.body);
  }
}
