import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { followStream } from '../../api/alert-stream';
import { api, newIdempotencyKey } from '../../api/client';
import type { Alert } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Instant } from '../../components/Instant';
import { formatAge } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { SendTeamForm, type Dispatched } from './SendTeam';

const SEVERITY_SYMBOL: Record<Alert['severity'], string> = {
  critical: '‼',
  high: '!',
  medium: '•',
  low: '·',
};

/** Alerts by id, newest first; a later version of an alert (acknowledged) replaces the earlier one. */
export function mergeAlert(alerts: Alert[], alert: Alert): Alert[] {
  const others = alerts.filter((a) => a.alertId !== alert.alertId);
  return [alert, ...others].sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
}

/**
 * The ministry desk's live alert feed: new alerts appear without a reload (the ministry's
 * GET /v1/alerts/stream, read with fetch so the token stays in a header; after a dropped connection
 * the stream resumes from the last alert seen and sends what was missed).
 */
export function AlertFeed() {
  const { t, language } = useLanguage();
  const [alerts, setAlerts] = useState<Alert[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'reconnecting' | 'refused'>('connecting');
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<unknown>();
  const [showAcknowledged, setShowAcknowledged] = useState(false);
  const session = useSignedIn();
  const [sending, setSending] = useState<string>();
  const [sent, setSent] = useState<Dispatched & { alertId: string; team: string; region: string }>();

  useEffect(() => {
    const stop = new AbortController();
    followStream(
      '/v1/alerts/stream',
      (event) => {
        if (event.event !== 'alert') return;
        try {
          const alert = JSON.parse(event.data) as Alert;
          setAlerts((current) => mergeAlert(current, alert));
        } catch {
          // A line that is not an alert is not shown; the stream goes on.
        }
      },
      setState,
      stop.signal,
    );
    const clock = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      stop.abort();
      clearInterval(clock);
    };
  }, []);

  const acknowledge = async (alert: Alert) => {
    setError(undefined);
    try {
      const updated = await api<Alert>('ministry', `/v1/alerts/${alert.alertId}/acknowledge`, {
        method: 'POST',
        idempotencyKey: newIdempotencyKey(),
      });
      setAlerts((current) => mergeAlert(current, updated));
    } catch (caught) {
      setError(caught);
    }
  };

  // The ministry acknowledges an alert with its dispatch; the stream brings its new version too.
  const teamSent = (alert: Alert, dispatched: Dispatched, team: string) => {
    setSending(undefined);
    setSent({ ...dispatched, alertId: alert.alertId, team, region: alert.region });
    if (alert.status === 'open') {
      setAlerts((current) =>
        mergeAlert(current, {
          ...alert,
          status: 'acknowledged',
          acknowledgedAt: new Date().toISOString(),
          acknowledgedBy: session.unit,
        }),
      );
    }
  };

  const shown = showAcknowledged ? alerts : alerts.filter((a) => a.status === 'open');
  return (
    <div>
      <div className="page-head">
        <h1>{t('alerts.title')}</h1>
        <span
          className={`feed-state feed-${state}`}
          role="status"
          data-testid="alert-feed-state"
          data-state={state}
        >
          {state === 'live' ? '● ' : '○ '}
          {t(`alerts.state_${state}`)}
        </span>
      </div>
      <label className="inline-check">
        <input
          type="checkbox"
          checked={showAcknowledged}
          onChange={(e) => setShowAcknowledged(e.target.checked)}
        />
        {t('alerts.showAcknowledged')}
      </label>
      <ErrorNotice error={error} />
      {sent ? (
        <p
          className="notice notice-ok"
          role="status"
          data-testid="team-sent"
          data-alert-id={sent.alertId}
          data-dispatch-id={sent.id}
        >
          ✓ {t('sendTeam.sent', { team: sent.team })} <Instant iso={sent.dueBy} place={sent.region} /> ·{' '}
          <Link to="/ministry/dispatches">{t('sendTeam.toDispatches')}</Link>
        </p>
      ) : null}
      {shown.length === 0 ? <p className="empty">{t('alerts.none')}</p> : null}
      <ul className="alerts" aria-live="polite">
        {shown.map((alert) => (
          <li
            key={alert.alertId}
            className={`alert alert-${alert.severity}`}
            data-testid="alert"
            data-alert-id={alert.alertId}
            data-kind={alert.kind}
          >
            <div className="alert-head">
              <span className={`severity severity-${alert.severity}`}>
                <span aria-hidden="true">{SEVERITY_SYMBOL[alert.severity]} </span>
                {t(`severity.${alert.severity}`)}
              </span>
              <span className="alert-kind">{t(`alertKind.${alert.kind}`)}</span>
              <span className="alert-region">
                {t('alerts.region')}: {alert.region}
              </span>
              <span className="alert-age" title={alert.raisedAt}>
                {formatAge(alert.raisedAt, now, language)} ·{' '}
                <Instant iso={alert.raisedAt} place={alert.region} />
              </span>
            </div>
            <p className="alert-summary">{alert.summary}</p>
            <div className="actions">
              <Link to={`/ministry/cases/${alert.caseId}`}>{t('alerts.openCase')}</Link>
              {alert.status === 'open' ? (
                <button type="button" onClick={() => acknowledge(alert)} data-testid="alert-acknowledge">
                  {t('alerts.acknowledge')}
                </button>
              ) : (
                <span className="acknowledged">
                  ✓ {t('alerts.acknowledgedAt')} <Instant iso={alert.acknowledgedAt} place="ministry:desk" />
                </span>
              )}
              {sending === alert.alertId ? null : (
                <button type="button" onClick={() => setSending(alert.alertId)} data-testid="alert-send-team">
                  {t('sendTeam.open')}
                </button>
              )}
            </div>
            {sending === alert.alertId ? <SendTeamForm alert={alert} onSent={teamSent} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
