import { Body, Controller, Headers, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MINISTRY_COMPANY_SANCTIONED_V1 } from '@simpul/contracts';
import { CurrentUnit, type Unit, bodySchemaFor } from '@simpul/http';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { GENERATED_SANCTION_FIELDS, SanctionCompanyService } from './sanction-company.service.js';

@ApiTags('companies')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/companies')
export class SanctionCompanyHttpController {
  constructor(@Inject(SanctionCompanyService) private readonly companies: SanctionCompanyService) {}

  /** 201 `{ id, companyId, eventId }`; 404 unknown company; 400 naming every bad field. */
  @Post(':id/sanctions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Sanction a placement company (published as ministry.company.sanctioned.v1).' })
  @ApiBody({ schema: bodySchemaFor(MINISTRY_COMPANY_SANCTIONED_V1, GENERATED_SANCTION_FIELDS) })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A repeat with the same key returns the first result; another request under it is 409',
  })
  sanction(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentUnit() unit: Unit,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<{ id: string; companyId: string; eventId: string }> {
    return this.companies.sanction(id, body, unit.id, idempotencyKey);
  }
}
