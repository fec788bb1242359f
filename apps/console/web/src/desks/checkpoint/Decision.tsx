import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/client';
import { OUTCOMES } from '../../api/contract-values';
import type { OutcomeResult, ScreeningResult } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TableHead } from '../../components/TableHead';
import { Instant } from '../../components/Instant';
import { formatNumber } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';

const SYMBOL = { deny: '✕', refer: '⚠', clear: '✓' } as const;

/**
 * The legal weight of the decision, from the strongest match: a ban (cegah, dpo) is shown as one;
 * an advisory or protective entry never is (DOMAIN: those ask for a closer look or for help).
 */
function legalTypeOf(result: ScreeningResult): string | undefined {
  const order = ['cegah', 'dpo', 'protective', 'advisory'];
  const types = result.matches.map((m) => m.legalType);
  return order.find((type) => types.includes(type));
}

/** The decision, large and unmistakable, with its reasons, matches, delays elsewhere and the outcome buttons. */
export function Decision({
  result,
  checkpoint,
  officer,
}: {
  result: ScreeningResult;
  checkpoint: string;
  officer: string;
}) {
  const { t, language } = useLanguage();
  const legalType = legalTypeOf(result);
  const [outcome, setOutcome] = useState<OutcomeResult>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // One key per screening and outcome: a double click records the outcome once.
  const [keys] = useState(() => Object.fromEntries(OUTCOMES.map((o) => [o, newIdempotencyKey()])));

  const record = async (chosen: (typeof OUTCOMES)[number]) => {
    setBusy(true);
    setError(undefined);
    try {
      setOutcome(
        await api<OutcomeResult>(
          { immigration: checkpoint },
          `/v1/screenings/${result.screeningId}/outcome`,
          {
            body: { outcome: chosen, officer },
            idempotencyKey: keys[chosen],
          },
        ),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      className={`decision decision-${result.decision}`}
      data-testid="decision"
      data-decision={result.decision}
      data-screening-id={result.screeningId}
      aria-labelledby="decision-word"
    >
      <p className="decision-word" id="decision-word">
        <span aria-hidden="true">{SYMBOL[result.decision]} </span>
        {t(`decision.${result.decision}`)}
      </p>
      {legalType ? (
        <p className="decision-legal" data-testid="decision-legal-type">
          {t(`legalTypeMeaning.${legalType}`)}
        </p>
      ) : null}
      <p className="decision-explain">{t(`decisionExplain.${result.decision}`)}</p>

      {result.reasons?.length ? (
        <ul className="reasons">
          {result.reasons.map((reason) => (
            <li key={reason}>{t(`reasons.${reason}`)}</li>
          ))}
        </ul>
      ) : null}

      {result.matches.length > 0 ? (
        <table className="matches">
          <caption>{t('screening.matches')}</caption>
          <TableHead
            columns={[
              t('watchlist.legalType'),
              t('watchlist.action'),
              t('screening.score'),
              t('screening.reasons'),
            ]}
          />
          <tbody>
            {result.matches.map((match) => (
              <tr key={match.entryId}>
                <td>{t(`legalType.${match.legalType}`)}</td>
                <td>{t(`action.${match.action}`)}</td>
                <td>{formatNumber(match.score, language, 3)}</td>
                <td>{match.reasons.map((reason) => t(`reasons.${reason}`)).join('; ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('screening.noMatches')}</p>
      )}

      {result.delaysElsewhere?.length ? (
        <div className="delays">
          <h2>{t('screening.delaysElsewhere')}</h2>
          <ul>
            {result.delaysElsewhere.map((delay) => (
              <li key={delay.delayId}>
                {delay.checkpoint} · {t('screening.delayUntil')}{' '}
                <Instant iso={delay.validUntil} place={`checkpoint:${delay.checkpoint}`} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="outcome">
        <h2>{t('outcome.title')}</h2>
        {outcome ? (
          <p
            className="notice notice-ok"
            role="status"
            data-testid="outcome-recorded"
            data-outcome={outcome.outcome}
          >
            ✓ {t('outcome.recorded', { outcome: t(`outcome.${outcome.outcome}`) })}
            {outcome.validUntil ? (
              <>
                {' '}
                {t('screening.delayUntil')}{' '}
                <Instant iso={outcome.validUntil} place={`checkpoint:${checkpoint}`} />
              </>
            ) : null}
          </p>
        ) : (
          <div className="actions">
            {OUTCOMES.map((choice) => (
              <button
                key={choice}
                type="button"
                disabled={busy}
                onClick={() => record(choice)}
                data-testid={`outcome-${choice}`}
              >
                {t(`outcome.${choice}`)}
              </button>
            ))}
          </div>
        )}
        <p className="hint">{t('outcome.officer', { officer })}</p>
        <ErrorNotice error={error} />
      </div>
    </section>
  );
}
