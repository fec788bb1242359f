import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@simpul/audit';
import { ApiException, CurrentUnit, type Unit } from '@simpul/http';
import { DataSource } from 'typeorm';
import { Interception } from '../interception.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('interceptions')
@ApiBearerAuth()
@Controller('v1/interceptions')
export class GetInterceptionHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get(':id')
  @AuditedRead('interception')
  @ApiOperation({ summary: 'Read an interception recorded by the caller’s Polda' })
  @ApiResponse({ status: 200, description: '{ id, eventId, polda, recordedAt, data }' })
  @ApiResponse({
    status: 404,
    description: 'POLICE.INTERCEPTION_NOT_FOUND (also for another Polda’s interception)',
  })
  async get(@CurrentUnit() unit: Unit, @Param('id') id: string): Promise<object> {
    const interception = UUID.test(id)
      ? await this.dataSource.getRepository(Interception).findOneBy({ interceptionId: id })
      : null;
    // Another Polda's interception answers exactly like a missing one: its existence is not disclosed.
    if (!interception || unit.id !== `polda:${interception.polda}`) {
      throw new ApiException(404, 'POLICE.INTERCEPTION_NOT_FOUND', 'interception not found');
    }
    return {
      id: interception.interceptionId,
      eventId: interception.eventId,
      polda: interception.polda,
      recordedAt: interception.recordedAt.toISOString(),
      data: interception.data,
    };
  }
}
