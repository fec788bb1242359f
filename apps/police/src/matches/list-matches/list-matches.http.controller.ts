import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@simpul/audit';
import { CurrentUnit, type Unit } from '@simpul/http';
import { DataSource } from 'typeorm';
import { Match } from '../match.entity.js';
import { matchView, type MatchView } from '../match.rules.js';

/** Most matches one answer lists (newest first). */
const MAX_MATCHES = 500;

@ApiTags('matches')
@ApiBearerAuth()
@Controller('v1/matches')
export class ListMatchesHttpController {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  @Get()
  // A list: the record read is the calling Polda's set of matches.
  @AuditedRead({ recordType: 'match', action: 'match.listed', recordId: (request) => request.unit.id })
  @ApiOperation({
    summary: 'Checkpoint matches on persons the caller’s Polda reported',
    description:
      'Newest first, at most 500. Ids only: origin.personId is the suspectId or candidateId of the ' +
      'Polda’s own record (GET /v1/arrests/:id or /v1/interceptions/:id); no traveller details.',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ matches: [{ eventId, screeningId, entryId, entryVersion, checkpoint, decision, score, occurredAt, origin: { unit, eventId, personId? } }] }',
  })
  async list(@CurrentUnit() unit: Unit): Promise<{ matches: MatchView[] }> {
    const rows = await this.dataSource.getRepository(Match).find({
      where: { originUnit: unit.id },
      order: { occurredAt: 'DESC', eventId: 'ASC' },
      take: MAX_MATCHES,
    });
    return { matches: rows.map(matchView) };
  }
}
