import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { QueryReader } from '@simpul/http';

export interface CompanyView {
  companyId: string;
  name: string;
  licenseNumber: string | null;
  /** Events that named the company. */
  sourceEventIds: string[];
  firstSeenAt: string;
  sanctions: Array<{
    sanctionId: string;
    sanction: string;
    effectiveFrom: string;
    effectiveUntil: string | null;
    eventId: string;
  }>;
}

@ApiTags('companies')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/companies')
export class ListCompaniesHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Placement companies named in police events, with their sanctions.' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 200' })
  async list(@Query() query: Record<string, unknown>): Promise<{ companies: CompanyView[] }> {
    const reader = new QueryReader(query);
    const limit = reader.int('limit', 1, 1000, 200);
    reader.done();
    const rows: Array<{
      id: string;
      name: string;
      license_number: string | null;
      source_event_ids: string[];
      first_seen_at: Date;
      sanctions: CompanyView['sanctions'];
    }> = await this.dataSource.query(
      `SELECT c.*, COALESCE((SELECT json_agg(json_build_object('sanctionId', s.id, 'sanction', s.sanction,
                 'effectiveFrom', s.effective_from, 'effectiveUntil', s.effective_until, 'eventId', s.event_id)
                 ORDER BY s.created_at) FROM ministry_company_sanction s WHERE s.company_id = c.id), '[]') AS sanctions
         FROM ministry_company c ORDER BY c.first_seen_at DESC, c.id LIMIT $1`,
      [limit],
    );
    return {
      companies: rows.map((r) => ({
        companyId: r.id,
        name: r.name,
        licenseNumber: r.license_number,
        sourceEventIds: r.source_event_ids,
        firstSeenAt: r.first_seen_at.toISOString(),
        sanctions: r.sanctions,
      })),
    };
  }
}
