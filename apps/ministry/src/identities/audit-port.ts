// The ministry's one door to the audit trail (UU PDP art. 31). A port rather than a direct import
// while @simpul/audit was being written alongside; it now re-exports the library's append, whose
// record lands in audit_log in the caller's transaction (hash-chained).
export { appendAudit } from '@simpul/audit';
