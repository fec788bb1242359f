import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { DISPATCH_OUTCOMES } from '../../api/contract-values';
import type { Alert, Dispatch } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Instant } from '../../components/Instant';
import { formatAge, type Language } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';
import { InlineForm, ListTable, RowForm } from '../ListTable';
import { trimmedOrOmitted, useWrite } from './writes';

export type DispatchState = 'reported' | 'overdue' | 'open';

/** Reported once the team's report is in; overdue when the ministry says so or the due time has passed. */
export function dispatchState(
  dispatch: Pick<Dispatch, 'status' | 'dueBy' | 'overdue' | 'report'>,
  now: number,
): DispatchState {
  if (dispatch.status === 'reported' || dispatch.report) return 'reported';
  return dispatch.overdue || new Date(dispatch.dueBy).getTime() <= now ? 'overdue' : 'open';
}

/**
 * A dispatch's due time in words, never colour alone: `OVERDUE: was due 3 hours ago`, `Due in 45
 * minutes`, `✓ Reported`. Returns the catalogue key and its values.
 */
export function dueWords(
  dispatch: Pick<Dispatch, 'status' | 'dueBy' | 'overdue' | 'report'>,
  now: number,
  language: Language,
): { state: DispatchState; key: string; values: { age: string } } {
  const state = dispatchState(dispatch, now);
  const age = formatAge(dispatch.dueBy, now, language);
  return { state, key: `dispatches.due_${state}`, values: { age } };
}

export interface ReportValues {
  outcome: string;
  victimsAssisted: string;
  note: string;
}

/**
 * The POST /v1/dispatches/:id/report body. The number of victims goes only with victims_assisted
 * (where the ministry requires it); a count that is not a whole number goes as typed, so the
 * ministry names the field and its rule.
 */
export function reportBody(values: ReportValues): Record<string, unknown> {
  const count = values.victimsAssisted.trim();
  const assisted = values.outcome === 'victims_assisted' && count !== '';
  return {
    outcome: values.outcome,
    ...(assisted ? { victimsAssisted: /^\d+$/.test(count) ? Number(count) : count } : {}),
    ...trimmedOrOmitted('note', values.note),
  };
}

function ReportForm({ dispatch, onDone }: { dispatch: Dispatch; onDone: () => void }) {
  const { t } = useLanguage();
  const [values, setValues] = useState<ReportValues>({
    outcome: DISPATCH_OUTCOMES[0],
    victimsAssisted: '',
    note: '',
  });
  const write = useWrite<unknown>();
  const error = write.error;
  const set = (field: keyof ReportValues) => (e: { target: { value: string } }) =>
    setValues({ ...values, [field]: e.target.value });
  return (
    <InlineForm
      testId="dispatch-report"
      error={error}
      busy={write.busy}
      submitLabel={t('dispatches.reportSubmit')}
      onSubmit={() =>
        void write
          .submit(`/v1/dispatches/${dispatch.dispatchId}/report`, reportBody(values))
          .then((done) => done && onDone())
      }
    >
      <Field label={t('dispatches.outcome')} path="outcome" error={error} required>
        {(props) => (
          <select {...props} value={values.outcome} onChange={set('outcome')} data-testid="dispatch-outcome">
            {DISPATCH_OUTCOMES.map((outcome) => (
              <option key={outcome} value={outcome}>
                {t(`dispatchOutcome.${outcome}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {values.outcome === 'victims_assisted' ? (
        <Field label={t('dispatches.victimsAssisted')} path="victimsAssisted" error={error} required>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              inputMode="numeric"
              value={values.victimsAssisted}
              onChange={set('victimsAssisted')}
              data-testid="dispatch-victimsAssisted"
            />
          )}
        </Field>
      ) : null}
      <Field label={t('dispatches.note')} path="note" error={error} hint={t('dispatches.noteHint')}>
        {(props) => <textarea {...props} rows={2} value={values.note} onChange={set('note')} />}
      </Field>
    </InlineForm>
  );
}

/** Text of a dispatch's report: the outcome and how many victims were assisted. */
export function ReportSummary({ report }: { report: NonNullable<Dispatch['report']> }) {
  const { t } = useLanguage();
  return (
    <span data-testid="dispatch-report">
      ✓ {t(`dispatchOutcome.${report.outcome}`)}
      {report.victimsAssisted !== null
        ? ` · ${t('dispatches.victims', { count: report.victimsAssisted })}`
        : ''}
    </span>
  );
}

const RANK: Record<DispatchState, number> = { overdue: 0, open: 1, reported: 2 };

/** Overdue ones first, then open ones, then reported ones; each by its due time, soonest first. */
export function dispatchOrder(dispatches: Dispatch[], now: number): Dispatch[] {
  return [...dispatches].sort(
    (a, b) => RANK[dispatchState(a, now)] - RANK[dispatchState(b, now)] || a.dueBy.localeCompare(b.dueBy),
  );
}

/**
 * The rapid response team's dispatches: open ones first by due time, overdue ones marked in words
 * and colour, and the report form for the team's return.
 */
export function Dispatches() {
  const { t, language } = useLanguage();
  const [showReported, setShowReported] = useState(false);
  const [open, setOpen] = useState<string>();
  const status = showReported ? 'all' : 'open';
  const dispatches = useQuery({
    queryKey: ['dispatches', status],
    queryFn: ({ signal }) =>
      api<{ dispatches: Dispatch[] }>('ministry', `/v1/dispatches?status=${status}`, { signal }),
    refetchInterval: 15_000,
  });
  // A team works where its alert was raised: its times are read in that region's zone.
  const alerts = useQuery({
    queryKey: ['alerts', 'regions'],
    queryFn: ({ signal }) => api<{ alerts: Alert[] }>('ministry', '/v1/alerts?limit=1000', { signal }),
    refetchInterval: 60_000,
  });
  const regions = new Map((alerts.data?.alerts ?? []).map((a) => [a.alertId, a.region]));
  const placeOf = (dispatch: Dispatch) => regions.get(dispatch.alertId) ?? 'ministry:desk';
  const now = Date.now();
  const items = dispatchOrder(dispatches.data?.dispatches ?? [], now);
  return (
    <div>
      <h1>{t('dispatches.title')}</h1>
      <label className="inline-check">
        <input type="checkbox" checked={showReported} onChange={(e) => setShowReported(e.target.checked)} />
        {t('dispatches.showReported')}
      </label>
      <ErrorNotice error={dispatches.error} />
      <ListTable
        rows={dispatches.data ? items.length : undefined}
        none={t('dispatches.none')}
        caption={t('dispatches.count', { count: items.length })}
        testId="dispatches-table"
        columns={[
          t('dispatches.team'),
          t('dispatches.case'),
          t('dispatches.dispatchedAt'),
          t('dispatches.dueBy'),
          t('dispatches.status'),
          t('watchlist.actions'),
        ]}
      >
        {items.map((dispatch) => {
          const due = dueWords(dispatch, now, language);
          return (
            <tr
              key={dispatch.dispatchId}
              className={due.state === 'overdue' ? 'row-warning' : undefined}
              data-testid="dispatch"
              data-dispatch-id={dispatch.dispatchId}
              data-state={due.state}
            >
              <td>{dispatch.team}</td>
              <td>
                <Link to={`/ministry/cases/${dispatch.caseId}`} className="mono small">
                  {dispatch.caseId}
                </Link>
              </td>
              <td>
                <Instant iso={dispatch.dispatchedAt} place={placeOf(dispatch)} />
              </td>
              <td>
                <Instant iso={dispatch.dueBy} place={placeOf(dispatch)} />
              </td>
              <td>
                {due.state === 'overdue' ? (
                  <strong className="severity-critical" data-testid="dispatch-due">
                    ⚠ {t(due.key, due.values)}
                  </strong>
                ) : (
                  <span data-testid="dispatch-due">
                    {due.state === 'reported' ? '✓ ' : ''}
                    {t(due.key, due.values)}
                  </span>
                )}
              </td>
              <td>
                {due.state === 'reported' ? null : (
                  <RowForm
                    opened={open === dispatch.dispatchId}
                    onOpen={() => setOpen(dispatch.dispatchId)}
                    label={t('dispatches.report')}
                    testId="dispatch-report-open"
                  >
                    <ReportForm
                      dispatch={dispatch}
                      onDone={() => {
                        setOpen(undefined);
                        void dispatches.refetch();
                      }}
                    />
                  </RowForm>
                )}
              </td>
            </tr>
          );
        })}
      </ListTable>
    </div>
  );
}
