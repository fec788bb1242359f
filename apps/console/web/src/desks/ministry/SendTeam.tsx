import { useState } from 'react';
import type { Alert } from '../../api/types';
import { Field } from '../../components/Field';
import { useLanguage } from '../../i18n/i18n';
import { useSignedIn } from '../../session/session';
import { InlineForm } from '../ListTable';
import { useWrite } from './writes';

export interface Dispatched {
  id: string;
  eventId: string;
  dueBy: string;
}

/** The POST /v1/alerts/:id/dispatch body: the team as typed (trimmed), the signed-in officer. */
export function dispatchBody(team: string, officer: string): Record<string, string> {
  return { ...(team.trim() ? { team: team.trim() } : {}), officer };
}

/**
 * Sends the rapid response team on an alert (Kirim tim), under the signed-in officer's id. The
 * ministry acknowledges the alert with the dispatch; `onSent` gets the dispatch and its due time.
 */
export function SendTeamForm({
  alert,
  onSent,
}: {
  alert: Alert;
  onSent: (alert: Alert, dispatched: Dispatched, team: string) => void;
}) {
  const { t } = useLanguage();
  const session = useSignedIn();
  const [team, setTeam] = useState('');
  const write = useWrite<Dispatched>();
  return (
    <InlineForm
      testId="send-team"
      error={write.error}
      busy={write.busy}
      submitLabel={t('sendTeam.submit')}
      officer={session.officer}
      onSubmit={() =>
        void write
          .submit(`/v1/alerts/${alert.alertId}/dispatch`, dispatchBody(team, session.officer))
          .then((dispatched) => dispatched && onSent(alert, dispatched, team.trim()))
      }
    >
      <Field
        label={t('sendTeam.team')}
        path="team"
        error={write.error}
        required
        hint={t('sendTeam.teamHint')}
      >
        {(props) => (
          <input
            {...props}
            value={team}
            onChange={(e) => setTeam(e.target.value)}
            data-testid="send-team-name"
          />
        )}
      </Field>
    </InlineForm>
  );
}
