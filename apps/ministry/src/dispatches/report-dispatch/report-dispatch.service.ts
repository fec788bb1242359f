import { Inject, Injectable } from '@nestjs/common';
import {
  IdempotentWriteService,
  type IdempotencyContext,
  objectBody,
  unknownPropertyProblems,
  validationFailed,
} from '@simpul/http';
import { MinistryAudit } from '../../audit/ministry-audit.service.js';
import { isUuid } from '../../common/uuid.js';
import { PersonVault } from '../../identities/person-vault.js';
import { REPORT_FIELDS, reportOf, reportProblems, type ReportOutcome } from '../dispatch.rules.js';
import { DispatchAlreadyReported, DispatchNotFound } from '../dispatches.errors.js';

export interface ReportResult {
  dispatchId: string;
  outcome: ReportOutcome;
  victimsAssisted: number | null;
  reportedAt: string;
}

/**
 * Where a report note lives: free text that may name victims or carry their phone numbers, so it is
 * stored only encrypted, bound to this column and its row.
 */
export const REPORT_NOTE_COLUMN = 'ministry_dispatch.report_note_encrypted';

/** Records what the team found, once per dispatch; the note is stored only encrypted. */
@Injectable()
export class ReportDispatchService {
  constructor(
    @Inject(IdempotentWriteService) private readonly writes: IdempotentWriteService,
    @Inject(PersonVault) private readonly vault: PersonVault,
    @Inject(MinistryAudit) private readonly audit: MinistryAudit,
  ) {}

  /** 200 `{ dispatchId, outcome, victimsAssisted, reportedAt }`; a second report is 409. */
  report(dispatchId: string, body: unknown, idempotency: IdempotencyContext): Promise<ReportResult> {
    const fields = objectBody(body);
    if (!isUuid(dispatchId)) throw new DispatchNotFound();
    const problems = [...unknownPropertyProblems(fields, REPORT_FIELDS), ...reportProblems(fields)];
    if (problems.length > 0) throw validationFailed(problems);
    const report = reportOf(fields);
    const write = {
      ...idempotency,
      operation: `POST /v1/dispatches/${dispatchId}/report`,
      body,
      statusCode: 200,
    };
    return this.writes.run(write, async (manager) => {
      // An UPDATE … RETURNING answers [rows, count] through TypeORM.
      const [updated]: [Array<{ reported_at: Date }>, number] = await manager.query(
        `UPDATE ministry_dispatch
            SET outcome = $2, victims_assisted = $3, report_note_encrypted = $4, reported_at = now(), reported_by = $5
          WHERE id = $1 AND reported_at IS NULL
          RETURNING reported_at`,
        [
          dispatchId,
          report.outcome,
          report.victimsAssisted,
          report.note === null ? null : this.vault.sealField(report.note, REPORT_NOTE_COLUMN, dispatchId),
          idempotency.unitId,
        ],
      );
      const row = updated[0];
      if (!row) {
        const exists: unknown[] = await manager.query(`SELECT 1 FROM ministry_dispatch WHERE id = $1`, [
          dispatchId,
        ]);
        throw exists.length > 0 ? new DispatchAlreadyReported() : new DispatchNotFound();
      }
      this.audit.deskStep(manager, idempotency.unitId, {
        action: 'dispatch.reported',
        recordType: 'dispatch',
        recordId: dispatchId,
      });
      return {
        dispatchId,
        outcome: report.outcome,
        victimsAssisted: report.victimsAssisted,
        reportedAt: row.reported_at.toISOString(),
      };
    });
  }
}
