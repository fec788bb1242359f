import { Controller, Get, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditedRead } from '@simpul/audit';
import { QueryReader, validationFailed, ValidationFailed } from '@simpul/http';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../../common/desk-only.guard.js';
import { PersonVault } from '../../identities/person-vault.js';
import {
  FINDING_COLUMNS,
  FINDING_SUBJECT_REFS_SQL,
  findingListItem,
  type FindingListItem,
  type FindingRow,
} from '../finding.view.js';
import { readPhoneQuery } from '../patrol.rules.js';

/** Newest first by id (UUIDv7: recording order), `$1` the `before` id, `$2` a phone index, `$3` rows. */
const FINDINGS_PAGE = `SELECT ${FINDING_COLUMNS} FROM ministry_patrol_finding f
  WHERE ($1::uuid IS NULL OR f.id < $1::uuid)
    AND ($2::text IS NULL OR EXISTS (
      SELECT 1 FROM ministry_patrol_finding_phone p WHERE p.finding_id = f.id AND p.phone_index = $2))
  ORDER BY f.id DESC LIMIT $3`;

@ApiTags('patrol')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/patrol/findings')
export class ListFindingsHttpController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PersonVault) private readonly vault: PersonVault,
  ) {}

  @Get()
  @AuditedRead({
    recordType: 'patrol_finding',
    action: 'patrol_finding.listed',
    // A list or a search: recorded under the reading unit (the searched number never enters the chain).
    recordId: (request) => request.unit.id,
    subjectRefs: async (answer, manager) => {
      const ids = (answer as { findings: FindingListItem[] }).findings.map((f) => f.findingId);
      const rows: Array<{ ref: string }> = await manager.query(FINDING_SUBJECT_REFS_SQL, [ids]);
      return rows.map((r) => r.ref);
    },
  })
  @ApiOperation({
    summary:
      'Cyber patrol findings, newest first; ?phone= finds those giving a phone number (by its blind index).',
    description:
      'Phone numbers and account handles are withheld (counted and named in identifiersWithheld); ' +
      'GET /v1/patrol/findings/:id shows them. Pass `next` back as `before` for the next page.',
  })
  @ApiQuery({
    name: 'phone',
    required: false,
    description: 'A phone number, E.164 or as written in Indonesia (0812…)',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 100' })
  @ApiQuery({
    name: 'before',
    required: false,
    description: 'The `next` of the previous page (a finding id)',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED naming phone, limit or before' })
  async list(
    @Query() query: Record<string, unknown>,
  ): Promise<{ findings: FindingListItem[]; next?: string }> {
    const reader = new QueryReader(query);
    const limit = reader.int('limit', 1, 500, 100);
    const before = reader.uuid('before');
    const phone = readPhoneQuery(query.phone);
    const problems = 'problem' in phone ? [phone.problem] : [];
    try {
      reader.done();
    } catch (error) {
      if (!(error instanceof ValidationFailed)) throw error;
      throw validationFailed([...(error.details ?? []), ...problems]);
    }
    if ('problem' in phone) throw validationFailed(problems);
    const rows: FindingRow[] = await this.dataSource.query(FINDINGS_PAGE, [
      before ?? null,
      phone.phone !== undefined ? this.vault.phoneIndex(phone.phone) : null,
      limit + 1,
    ]);
    const findings = rows.slice(0, limit).map(findingListItem);
    return rows.length > limit ? { findings, next: findings[findings.length - 1]!.findingId } : { findings };
  }
}
