import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUnit, type Unit } from '@simpul/http';
import { DataSource } from 'typeorm';
import { PoliceUnits } from '../../config/police-units.js';
import {
  poldaRecordListFields,
  PoldaRecordsPage,
  readPoldaRecordsPage,
  type Page,
  type PoldaRecordListFields,
  type PoldaRecordRow,
} from '../../listing/record-page.js';

/** One arrest in a list: ids, codes, place and counts; nothing about the suspects but how many. */
export interface ArrestListItem extends PoldaRecordListFields {
  /** Police report number (Laporan Polisi). Not personal data. */
  reportNumber: string;
  /** How many suspects the record lists. */
  suspects: number;
  /** The foiled departure this arrest belongs to, if any. */
  interceptionId?: string;
  legalBasis?: string[];
}

interface ArrestRow extends PoldaRecordRow {
  report_number: string;
  suspects: number;
  interception_id: string | null;
  legal_basis: string[] | null;
}

/** Only the listed parts leave the database: the suspects' data is counted there. */
const ARRESTS_PAGE = `SELECT arrest_id AS id, event_id, polda, report_number, occurred_at, recorded_at,
          data->'location' AS location, jsonb_array_length(data->'suspects') AS suspects,
          data->>'interceptionId' AS interception_id, data->'legalBasis' AS legal_basis
     FROM arrests
    WHERE polda = $1 AND ($2::uuid IS NULL OR arrest_id < $2::uuid)
    ORDER BY arrest_id DESC
    LIMIT $3`;

@ApiTags('arrests')
@ApiBearerAuth()
@Controller('v1/arrests')
export class ListArrestsHttpController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PoliceUnits) private readonly units: PoliceUnits,
  ) {}

  @Get()
  @PoldaRecordsPage()
  @ApiOperation({
    summary: 'Arrests the caller’s Polda recorded, newest first',
    description:
      'No personal data (suspects are counted, not listed), so no Simpul-Official/Purpose headers: ' +
      'GET /v1/arrests/:id reads a whole record (audited). Pass `next` back as `before` for the next page.',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ items: [{ id, eventId, polda, reportNumber, occurredAt, recordedAt, location, suspects, interceptionId?, legalBasis? }], next? }',
  })
  async list(
    @CurrentUnit() unit: Unit,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<ArrestListItem>> {
    return readPoldaRecordsPage(
      this.dataSource,
      ARRESTS_PAGE,
      this.units.callerPolda(unit),
      query,
      arrestListItem,
    );
  }
}

function arrestListItem(row: ArrestRow): ArrestListItem {
  return {
    ...poldaRecordListFields(row),
    reportNumber: row.report_number,
    suspects: row.suspects,
    ...(row.interception_id ? { interceptionId: row.interception_id } : {}),
    ...(row.legal_basis ? { legalBasis: row.legal_basis } : {}),
  };
}
