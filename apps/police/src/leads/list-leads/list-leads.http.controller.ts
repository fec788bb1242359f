import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { MinistryPatrolFindingRecordedV1 } from '@simpul/contracts';
import { AuditedRead } from '@simpul/audit';
import { CurrentUnit, type Unit } from '@simpul/http';
import { DataSource } from 'typeorm';
import { PoliceUnits } from '../../config/police-units.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, readPageRequest } from '../../listing/record-page.js';
import { leadView, type LeadView } from '../lead.rules.js';

/** One Polda's leads ($1) newest first by finding id (UUIDv7: recording order), older than $2, $3 rows. */
const LEADS_PAGE = `SELECT finding_id, event_id, region, data FROM leads
  WHERE region = $1 AND ($2::uuid IS NULL OR finding_id < $2::uuid)
  ORDER BY finding_id DESC LIMIT $3`;

@ApiTags('leads')
@ApiBearerAuth()
@Controller('v1/leads')
export class ListLeadsHttpController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PoliceUnits) private readonly units: PoliceUnits,
  ) {}

  @Get()
  // A list: the record read is the calling Polda's set of leads (phone numbers and handles in it).
  @AuditedRead({ recordType: 'lead', action: 'lead.listed', recordId: (request) => request.unit.id })
  @ApiOperation({
    summary: 'The cyber patrol’s findings on the caller’s Polda, as leads, newest first',
    description:
      'Each as the ministry published it (ministry.patrol.finding.recorded.v1), caseIds the ministry ' +
      'cases it was linked to when recorded. Pass `next` back as `before` for the next page.',
  })
  @ApiQuery({
    name: 'limit',
    required: false,
    description: `Items per page, 1-${MAX_PAGE_LIMIT}, default ${DEFAULT_PAGE_LIMIT}`,
  })
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'The `next` of the previous page (a finding id)',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ leads: [{ findingId, eventId, recordedAt, platform, url, postedAt?, accountHandle?, phoneNumbers?, companyName?, destinationCountry?, summary, region, caseIds }], next? }',
  })
  @ApiResponse({ status: 403, description: 'AUTH.WRONG_UNIT (not a Polda) or POLICE.POLDA_NOT_SERVED' })
  async list(
    @CurrentUnit() unit: Unit,
    @Query() query: Record<string, unknown>,
  ): Promise<{ leads: LeadView[]; next?: string }> {
    const polda = this.units.callerPolda(unit);
    const { limit, before } = readPageRequest(query);
    const rows: Array<{
      finding_id: string;
      event_id: string;
      region: string;
      data: MinistryPatrolFindingRecordedV1;
    }> = await this.dataSource.query(LEADS_PAGE, [polda, before ?? null, limit + 1]);
    const leads = rows.slice(0, limit).map(leadView);
    return rows.length > limit ? { leads, next: leads[leads.length - 1]!.findingId } : { leads };
  }
}
