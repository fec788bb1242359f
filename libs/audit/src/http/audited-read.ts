import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '@simpul/http';
import { mergeMap, type Observable } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAudit } from '../append-audit.js';
import { accessFromHeaders, OFFICIAL_HEADER, PURPOSE_HEADER } from './access-headers.js';

/** What a personal-data read records about itself. */
export interface AuditedReadSpec {
  /** The kind of record read (`arrest`, `watchlist_entry`). */
  recordType: string;
  /** Default `<recordType>.read`. */
  action?: string;
  /**
   * Default: the `:id` route parameter. For a list, the reading unit (`request.unit.id`). Only an id
   * is accepted (a UUID or a unit id): a URL or query string could carry personal data into the
   * append-only chain.
   */
  recordId?: (request: AuthenticatedRequest) => string;
  /**
   * The blind indexes of the data subjects in the answer, looked up in the audit's transaction
   * (e.g. from the rows' index columns): the answer itself may hold no identifier.
   */
  subjectRefs?: (answer: unknown, manager: EntityManager) => Promise<string[]>;
}

const AUDITED_READ = 'simpul:audited-read';

/** What an audited read may record as its record id: a UUID or a unit id (`polda:riau`). */
const RECORD_ID = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z]+:[a-z0-9-]+)$/i;

/** The record id of a read, refused (a programming error, 500) unless it is an id. */
export function auditedRecordId(spec: AuditedReadSpec, request: AuthenticatedRequest): string {
  const id = spec.recordId ? spec.recordId(request) : String(request.params['id']);
  if (!RECORD_ID.test(id)) {
    throw new Error(`audited read of ${spec.recordType}: the record id must be a UUID or a unit id`);
  }
  return id;
}

/**
 * Marks a route that returns personal data: it then needs `Simpul-Official` and `Simpul-Purpose`
 * (400 before the handler runs), and a successful answer is sent only after its audit row is
 * committed (the read is recorded, or it is not answered).
 */
export function AuditedRead(spec: AuditedReadSpec | string): MethodDecorator {
  const full: AuditedReadSpec = typeof spec === 'string' ? { recordType: spec } : spec;
  return applyDecorators(
    SetMetadata(AUDITED_READ, full),
    UseInterceptors(AuditedReadInterceptor),
    ApiHeader({
      name: OFFICIAL_HEADER,
      required: true,
      description: 'The official reading personal data (audited)',
    }),
    ApiHeader({
      name: PURPOSE_HEADER,
      required: true,
      description: 'Why: a lower-case word such as case_handling or data_subject_request (audited)',
    }),
    ApiResponse({
      status: 400,
      description: `VALIDATION_FAILED: ${OFFICIAL_HEADER} or ${PURPOSE_HEADER} missing or malformed`,
    }),
  );
}

@Injectable()
export class AuditedReadInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<AuditedReadSpec>(AUDITED_READ, context.getHandler());
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const access = accessFromHeaders(request.headers);
    return next.handle().pipe(
      mergeMap(async (answer) => {
        await this.dataSource.transaction(async (manager) => {
          const subjectRefs = spec.subjectRefs ? await spec.subjectRefs(answer, manager) : undefined;
          await appendAudit(manager, {
            unit: request.unit.id,
            official: access.official,
            purpose: access.purpose,
            action: spec.action ?? `${spec.recordType}.read`,
            recordType: spec.recordType,
            recordId: auditedRecordId(spec, request),
            ...(subjectRefs ? { subjectRefs } : {}),
          });
        });
        return answer;
      }),
    );
  }
}
