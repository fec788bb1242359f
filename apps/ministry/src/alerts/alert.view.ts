import type { AlertEntity } from './alert.entity.js';

export interface AlertView {
  alertId: string;
  caseId: string;
  severity: string;
  kind: string;
  region: string;
  summary: string;
  sourceEventIds: string[];
  status: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export function alertView(alert: AlertEntity): AlertView {
  return {
    alertId: alert.id,
    caseId: alert.caseId,
    severity: alert.severity,
    kind: alert.kind,
    region: alert.region,
    summary: alert.summary,
    sourceEventIds: alert.sourceEventIds,
    status: alert.status,
    raisedAt: alert.raisedAt.toISOString(),
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: alert.acknowledgedBy,
  };
}
