import type { ReactNode } from 'react';
import type { CaseView } from '../../api/types';
import { Instant } from '../../components/Instant';
import { useLanguage } from '../../i18n/i18n';
import { ListTable } from '../ListTable';
import { ReportSummary } from './Dispatches';

function Section({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`case-${name}-title`} data-testid={`case-${name}`}>
      <h2 id={`case-${name}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/**
 * A case's field work (DESIGN §13), as the ministry's GET /v1/cases/:id gives it: the patrol
 * findings linked to it, the teams sent with their reports, the P4MI referrals with their outcomes;
 * each with the event ids that trace it. A part the ministry does not answer is not shown.
 */
export function CaseFieldWork({ value }: { value: CaseView }) {
  const { t } = useLanguage();
  const { patrolFindings, dispatches, referrals } = value;
  return (
    <>
      {patrolFindings ? (
        <Section name="findings" title={t('case.patrolFindings')}>
          <ListTable
            rows={patrolFindings.length}
            none={t('case.noneYet')}
            columns={[t('case.linkedAt'), t('case.finding'), t('case.linkedBy')]}
          >
            {patrolFindings.map((finding) => (
              <tr key={finding.findingId} data-finding-id={finding.findingId}>
                <td>
                  <Instant iso={finding.linkedAt} place={value.region} />
                </td>
                <td className="mono small">
                  {finding.findingId} · {t('form.eventId')} {finding.eventId}
                </td>
                <td className="mono small">
                  {finding.linkedByEventId === finding.eventId
                    ? t('case.linkedWhenRecorded')
                    : `${t('form.eventId')} ${finding.linkedByEventId}`}
                </td>
              </tr>
            ))}
          </ListTable>
        </Section>
      ) : null}
      {dispatches ? (
        <Section name="dispatches" title={t('case.dispatches')}>
          <ListTable
            rows={dispatches.length}
            none={t('case.noneYet')}
            columns={[
              t('dispatches.team'),
              t('dispatches.dispatchedAt'),
              t('dispatches.dueBy'),
              t('dispatches.outcome'),
              t('form.eventId'),
            ]}
          >
            {dispatches.map((dispatch) => (
              <tr key={dispatch.dispatchId} data-dispatch-id={dispatch.dispatchId}>
                <td>{dispatch.team}</td>
                <td>
                  <Instant iso={dispatch.dispatchedAt} place={value.region} />
                </td>
                <td>
                  <Instant iso={dispatch.dueBy} place={value.region} />
                </td>
                <td>
                  {dispatch.report ? (
                    <ReportSummary report={dispatch.report} />
                  ) : (
                    t('dispatches.awaitingReport')
                  )}
                </td>
                <td className="mono small">{dispatch.eventId ?? '–'}</td>
              </tr>
            ))}
          </ListTable>
        </Section>
      ) : null}
      {referrals ? (
        <Section name="referrals" title={t('case.referrals')}>
          <ListTable
            rows={referrals.length}
            none={t('case.noneYet')}
            columns={[
              t('referrals.openedAt'),
              t('referrals.checkpoint'),
              t('referrals.outcome'),
              t('form.eventId'),
            ]}
          >
            {referrals.map((referral) => (
              <tr key={referral.referralId} data-referral-id={referral.referralId}>
                <td>
                  <Instant iso={referral.openedAt} place={`checkpoint:${referral.checkpoint}`} />
                </td>
                <td>{referral.checkpoint}</td>
                <td>
                  {referral.outcome ? (
                    <>
                      ✓ {t(`referralOutcome.${referral.outcome}`)} ·{' '}
                      <Instant iso={referral.outcomeAt} place={`checkpoint:${referral.checkpoint}`} />
                    </>
                  ) : (
                    t('referralStatus.open')
                  )}
                </td>
                <td className="mono small">{referral.eventId}</td>
              </tr>
            ))}
          </ListTable>
        </Section>
      ) : null}
    </>
  );
}
