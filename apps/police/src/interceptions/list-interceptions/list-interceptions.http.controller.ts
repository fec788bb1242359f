import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Company, DepartureRoute } from '@simpul/contracts';
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

/** One interception in a list: ids, codes, place, route and counts; nothing about the candidates but how many. */
export interface InterceptionListItem extends PoldaRecordListFields {
  /** `exitPoint` (a checkpoint code when known) and `destinationCountry`. */
  route: DepartureRoute;
  /** How many people were stopped (the prevention figure). */
  candidateCount: number;
  /** How many of them the record lists by name (at most candidateCount). */
  candidatesListed: number;
  placementCompany?: Company;
  suspectsArrested?: number;
}

interface InterceptionRow extends PoldaRecordRow {
  route: DepartureRoute;
  candidate_count: number;
  candidates_listed: number;
  placement_company: Company | null;
  suspects_arrested: number | null;
}

/** Only the listed parts leave the database: the candidates' data is counted there. */
const INTERCEPTIONS_PAGE = `SELECT interception_id AS id, event_id, polda, occurred_at, recorded_at, candidate_count,
          data->'location' AS location, data->'route' AS route,
          jsonb_array_length(data->'candidates') AS candidates_listed,
          data->'placementCompany' AS placement_company,
          (data->>'suspectsArrested')::int AS suspects_arrested
     FROM interceptions
    WHERE polda = $1 AND ($2::uuid IS NULL OR interception_id < $2::uuid)
    ORDER BY interception_id DESC
    LIMIT $3`;

@ApiTags('interceptions')
@ApiBearerAuth()
@Controller('v1/interceptions')
export class ListInterceptionsHttpController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PoliceUnits) private readonly units: PoliceUnits,
  ) {}

  @Get()
  @PoldaRecordsPage()
  @ApiOperation({
    summary: 'Interceptions (foiled departures) the caller’s Polda recorded, newest first',
    description:
      'No personal data (candidates are counted, not listed), so no Simpul-Official/Purpose headers: ' +
      'GET /v1/interceptions/:id reads a whole record (audited). Pass `next` back as `before` for the next page.',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ items: [{ id, eventId, polda, occurredAt, recordedAt, location, route: { exitPoint?, destinationCountry }, candidateCount, candidatesListed, placementCompany?, suspectsArrested? }], next? }',
  })
  async list(
    @CurrentUnit() unit: Unit,
    @Query() query: Record<string, unknown>,
  ): Promise<Page<InterceptionListItem>> {
    return readPoldaRecordsPage(
      this.dataSource,
      INTERCEPTIONS_PAGE,
      this.units.callerPolda(unit),
      query,
      interceptionListItem,
    );
  }
}

function interceptionListItem(row: InterceptionRow): InterceptionListItem {
  return {
    ...poldaRecordListFields(row),
    route: row.route,
    candidateCount: row.candidate_count,
    candidatesListed: row.candidates_listed,
    ...(row.placement_company ? { placementCompany: row.placement_company } : {}),
    ...(row.suspects_arrested !== null ? { suspectsArrested: row.suspects_arrested } : {}),
  };
}
