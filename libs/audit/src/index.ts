/** @simpul/audit: a tamper-evident, hash-chained audit log in each service's database (UU PDP art. 31). */
export {
  AuditRecordError,
  normaliseAuditRecord,
  type AuditRecordInput,
  type AuditRow,
  type NormalisedAuditRecord,
} from './audit-record.js';
export { GENESIS_HASH, hashOfRecord } from './chain-hash.js';
export { appendAudit, appendAuditMany, AUDIT_LOCK_KEY } from './append-audit.js';
export { appendAuditAtCommit } from './append-audit-at-commit.js';
export { CreateAuditLog1796000000000 } from './migration.js';
export {
  describeProblem,
  memoryAuditSource,
  verifyAuditChainFrom,
  MAX_PROBLEMS,
  VERIFY_PAGE_SIZE,
  type AuditChainSource,
  type AuditProblem,
  type AuditVerification,
} from './verify-audit-chain.js';
export { auditRowFromDb, pgAuditSource, verifyAuditChain, type AuditQuery } from './pg-audit-source.js';
export { auditTrailOf, MAX_TRAIL_RECORDS, type AuditTrailRecord } from './subject-trail.js';
export {
  accessFromHeaders,
  accessProblems,
  OFFICIAL_HEADER,
  PURPOSE_HEADER,
  PURPOSE_PATTERN,
  type Access,
} from './http/access-headers.js';
export { AuditedRead, AuditedReadInterceptor, type AuditedReadSpec } from './http/audited-read.js';
