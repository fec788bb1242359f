import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { REFERRAL_OUTCOMES, REFERRAL_STATUS_FILTERS } from '../../api/contract-values';
import type { Referral } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Instant } from '../../components/Instant';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { InlineForm, ListTable, RowForm } from '../ListTable';
import { CHECKPOINTS } from '../places';
import { trimmedOrOmitted, useWrite } from './writes';

/** The POST /v1/referrals/:id/outcome body: the outcome, the officer who records it, a note if any. */
export function referralOutcomeBody(outcome: string, officer: string, note: string): Record<string, string> {
  return { outcome, officer, ...trimmedOrOmitted('note', note) };
}

/** The referrals of one checkpoint (`?checkpoint=`), or of every checkpoint, open, closed or all. */
export function referralsPath(checkpoint: string, status: string): string {
  return `/v1/referrals?${new URLSearchParams({ ...(checkpoint ? { checkpoint } : {}), status })}`;
}

function OutcomeForm({ referral, onDone }: { referral: Referral; onDone: () => void }) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const [outcome, setOutcome] = useState<string>(REFERRAL_OUTCOMES[0]);
  const [note, setNote] = useState('');
  const write = useWrite<unknown>();
  return (
    <InlineForm
      testId="referral-outcome"
      error={write.error}
      busy={write.busy}
      submitLabel={t('referrals.submit')}
      officer={session.officer}
      onSubmit={() =>
        void write
          .submit(
            `/v1/referrals/${referral.referralId}/outcome`,
            referralOutcomeBody(outcome, session.officer, note),
          )
          .then((done) => done && onDone())
      }
    >
      <Field label={t('referrals.outcome')} path="outcome" error={write.error} required>
        {(props) => (
          <select
            {...props}
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            data-testid="referral-outcome-select"
          >
            {REFERRAL_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {t(`referralOutcome.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('referrals.note')} path="note" error={write.error} hint={t('referrals.noteHint')}>
        {(props) => <textarea {...props} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
    </InlineForm>
  );
}

/**
 * The P4MI service posts' referrals: a checkpoint's refer on a protective entry, one per screening,
 * with the screening, the entry and the case, and the form recording what the post did.
 */
export function Referrals() {
  const { t } = useLanguage();
  const [checkpoint, setCheckpoint] = useState('');
  const [status, setStatus] = useState<string>(REFERRAL_STATUS_FILTERS[0]);
  const [open, setOpen] = useState<string>();
  const referrals = useQuery({
    queryKey: ['referrals', checkpoint, status],
    queryFn: ({ signal }) =>
      api<{ referrals: Referral[] }>('ministry', referralsPath(checkpoint, status), { signal }),
    refetchInterval: 15_000,
  });
  // The ministry's order: open ones first, each group oldest first (the post sees the longest waiting first).
  const items = referrals.data?.referrals ?? [];
  return (
    <div>
      <h1>{t('referrals.title')}</h1>
      <p className="hint">{t('referrals.hint')}</p>
      <div className="filters">
        <label>
          {t('referrals.checkpoint')}
          <select
            value={checkpoint}
            onChange={(e) => setCheckpoint(e.target.value)}
            data-testid="referrals-checkpoint"
          >
            <option value="">{t('common.all')}</option>
            {CHECKPOINTS.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('referrals.status')}
          <select value={status} onChange={(e) => setStatus(e.target.value)} data-testid="referrals-status">
            {REFERRAL_STATUS_FILTERS.map((s) => (
              <option key={s} value={s}>
                {t(`referralStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNotice error={referrals.error} />
      <ListTable
        rows={referrals.data ? items.length : undefined}
        none={t('referrals.none')}
        caption={t('referrals.count', { count: items.length })}
        testId="referrals-table"
        columns={[
          t('referrals.openedAt'),
          t('referrals.checkpoint'),
          t('referrals.ids'),
          t('referrals.status'),
          t('watchlist.actions'),
        ]}
      >
        {items.map((referral) => (
          <tr
            key={referral.referralId}
            data-testid="referral"
            data-referral-id={referral.referralId}
            data-status={referral.status}
          >
            <td>
              <Instant iso={referral.openedAt} place={`checkpoint:${referral.checkpoint}`} />
            </td>
            <td>{referral.checkpoint}</td>
            <td className="mono small">
              <div>
                {t('referrals.screening')}: {referral.screeningId}
              </div>
              <div>
                {t('referrals.entry')}: {referral.entryId}
              </div>
              <div>
                {t('referrals.case')}:{' '}
                <Link to={`/ministry/cases/${referral.caseId}`}>{referral.caseId}</Link>
              </div>
              <div>
                {t('form.eventId')}: {referral.eventId}
              </div>
            </td>
            <td>
              {referral.outcome ? (
                <span data-testid="referral-recorded" data-outcome={referral.outcome}>
                  ✓ {t(`referralOutcome.${referral.outcome}`)} ·{' '}
                  <Instant iso={referral.outcomeAt} place={`checkpoint:${referral.checkpoint}`} />
                </span>
              ) : (
                t(`referralStatus.${referral.status === 'closed' ? 'closed' : 'open'}`)
              )}
            </td>
            <td>
              {referral.status !== 'open' || referral.outcome ? null : (
                <RowForm
                  opened={open === referral.referralId}
                  onOpen={() => setOpen(referral.referralId)}
                  label={t('referrals.record')}
                  testId="referral-outcome-open"
                >
                  <OutcomeForm
                    referral={referral}
                    onDone={() => {
                      setOpen(undefined);
                      void referrals.refetch();
                    }}
                  />
                </RowForm>
              )}
            </td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
