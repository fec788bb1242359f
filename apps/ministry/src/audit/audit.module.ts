import { Global, Module } from '@nestjs/common';
import { MinistryAudit } from './ministry-audit.service.js';
import { SubjectTrailHttpController } from './subject-trail.http.controller.js';

/**
 * The ministry's audit trail: recording processing steps (global), and GET /v1/audit/subject.
 * Subject references are the PersonVault's blind indexes (IdentitiesModule, global).
 */
@Global()
@Module({
  controllers: [SubjectTrailHttpController],
  providers: [MinistryAudit],
  exports: [MinistryAudit],
})
export class AuditModule {}
