import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@simpul/audit';
import { ApiException, CurrentUnit, type Unit } from '@simpul/http';
import { DataSource } from 'typeorm';
import { Arrest } from '../arrest.entity.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('arrests')
@ApiBearerAuth()
@Controller('v1/arrests')
export class GetArrestHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get(':id')
  @AuditedRead('arrest')
  @ApiOperation({ summary: 'Read an arrest recorded by the caller’s Polda' })
  @ApiResponse({ status: 200, description: '{ id, eventId, polda, recordedAt, data }' })
  @ApiResponse({ status: 404, description: 'POLICE.ARREST_NOT_FOUND (also for another Polda’s arrest)' })
  async get(@CurrentUnit() unit: Unit, @Param('id') id: string): Promise<object> {
    const arrest = UUID.test(id)
      ? await this.dataSource.getRepository(Arrest).findOneBy({ arrestId: id })
      : null;
    // Another Polda's arrest answers exactly like a missing one: its existence is not disclosed.
    if (!arrest || unit.id !== `polda:${arrest.polda}`) {
      throw new ApiException(404, 'POLICE.ARREST_NOT_FOUND', 'arrest not found');
    }
    return {
      id: arrest.arrestId,
      eventId: arrest.eventId,
      polda: arrest.polda,
      recordedAt: arrest.recordedAt.toISOString(),
      data: arrest.data,
    };
  }
}
