import { Controller, Get, Headers, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  accessProblems,
  appendAudit,
  auditTrailOf,
  OFFICIAL_HEADER,
  type AuditTrailRecord,
} from '@simpul/audit';
import { ApiException, CurrentUnit, type ValidationIssue, type Unit } from '@simpul/http';
import type { BlindIndex, IdentifierKind } from '@simpul/privacy';
import { PersonVault } from '../identities/person-vault.js';
import { DataSource } from 'typeorm';
import { DeskOnlyGuard } from '../common/desk-only.guard.js';

const NIK = /^\d{16}$/;
const PASSPORT = /^[A-Za-z0-9]{5,20}$/;
const PARAMETERS = new Set(['nik', 'passport', 'purpose']);

/** The subject identified by the query, as its blind index: the identifier itself goes no further. */
function subjectOf(
  query: Record<string, unknown>,
  index: BlindIndex,
  problems: ValidationIssue[],
): string | undefined {
  for (const name of Object.keys(query)) {
    // The name is the caller's text: named in the answer only when it looks like a parameter name.
    if (!PARAMETERS.has(name))
      problems.push({
        path: /^[A-Za-z]{1,32}$/.test(name) ? name : '(parameter)',
        rule: 'unknownProperty',
        message: 'is not allowed',
      });
  }
  const given = (['nik', 'passport'] as const).filter((name) => query[name] !== undefined);
  if (given.length !== 1) {
    problems.push({ path: 'nik', rule: 'oneOf', message: 'give exactly one of nik or passport' });
    return undefined;
  }
  const name = given[0]!;
  const value = query[name];
  const pattern = name === 'nik' ? NIK : PASSPORT;
  if (typeof value !== 'string' || !pattern.test(value)) {
    const rule = name === 'nik' ? '16 digits' : '5-20 letters or digits';
    problems.push({ path: name, rule: 'pattern', message: `${name}: must be ${rule} [pattern]` });
    return undefined;
  }
  return index.of(name satisfies IdentifierKind, value);
}

/**
 * A data subject's processing trail (UU PDP art. 32: the subject may ask for their data and its
 * processing). The identifier is turned into its blind index at once and never echoed; the lookup
 * is itself a processing step, recorded first, so it shows in the trail it returns.
 */
@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(DeskOnlyGuard)
@Controller('v1/audit')
export class SubjectTrailHttpController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PersonVault) private readonly vault: PersonVault,
  ) {}

  @Get('subject')
  @ApiOperation({
    summary: 'The processing trail of one data subject, by NIK or passport number, oldest first.',
    description:
      'Every audit record naming the subject (by blind index): who processed which record, when and why. ' +
      'The lookup itself is recorded and included. The identifier is not echoed.',
  })
  @ApiQuery({ name: 'nik', required: false, description: '16 digits; or passport' })
  @ApiQuery({ name: 'passport', required: false, description: 'passport number; or nik' })
  @ApiQuery({ name: 'purpose', required: true, description: 'e.g. data_subject_request' })
  @ApiHeader({
    name: OFFICIAL_HEADER,
    required: true,
    description: 'The official answering the request (audited)',
  })
  @ApiResponse({
    status: 200,
    description:
      '{ records: [{ position, recordedAt, unit, official, purpose, action, recordType, recordId, eventId }], truncated }',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED naming the parameter and the rule' })
  @ApiResponse({ status: 403, description: 'AUTH.WRONG_UNIT: desk only' })
  async trail(
    @CurrentUnit() unit: Unit,
    @Query() query: Record<string, unknown>,
    @Headers('simpul-official') official: string | undefined,
  ): Promise<{ records: AuditTrailRecord[]; truncated: boolean }> {
    const problems: ValidationIssue[] = [];
    const subjectRef = subjectOf(query, this.vault.index, problems);
    problems.push(
      ...accessProblems(official, query['purpose'], {
        official: `header:${OFFICIAL_HEADER}`,
        purpose: 'purpose',
      }),
    );
    if (problems.length > 0 || !subjectRef)
      throw new ApiException(400, 'VALIDATION_FAILED', 'the query is invalid', problems);
    return this.dataSource.transaction(async (manager) => {
      await appendAudit(manager, {
        unit: unit.id,
        official: official!.trim(),
        purpose: (query['purpose'] as string).trim(),
        action: 'subject_trail.read',
        recordType: 'data_subject',
        recordId: subjectRef,
        subjectRefs: [subjectRef],
      });
      return auditTrailOf((sql, params) => manager.query(sql, params), [subjectRef]);
    });
  }
}
