import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { PATROL_PLATFORMS, PATROL_READ_PURPOSES } from '../../api/contract-values';
import type { PatrolFinding, PatrolFindingView } from '../../api/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Instant } from '../../components/Instant';
import { useLanguage } from '../../i18n/i18n';
import { AdText } from '../AdText';
import { ListTable } from '../ListTable';
import { POLDAS } from '../places';
import { placeLocalToInstant } from '../polda/local-time';
import { useReadAccess } from './access';
import { PurposeSelect } from './PurposeSelect';
import { trimmedOrOmitted, useWrite } from './writes';

/** The contract's bound on a finding's phone numbers. */
export const MAX_PHONE_NUMBERS = 5;

export interface FindingValues {
  platform: string;
  url: string;
  postedAt: string;
  accountHandle: string;
  phones: { value: string }[];
  companyName: string;
  destinationCountry: string;
  summary: string;
  region: string;
}

export const EMPTY_FINDING: FindingValues = {
  platform: 'facebook',
  url: '',
  postedAt: '',
  accountHandle: '',
  phones: [{ value: '' }],
  companyName: '',
  destinationCountry: '',
  summary: '',
  region: '',
};

/**
 * For each phone input, the path the ministry names it by (`phoneNumbers[1]`): blank inputs are
 * not sent, so the numbers after one move up and their errors must come back to the right input.
 */
export function phoneInputPaths(phones: { value: string }[]): (string | undefined)[] {
  let sent = 0;
  return phones.map((phone) => (phone.value.trim() ? `phoneNumbers[${sent++}]` : undefined));
}

/**
 * The POST /v1/patrol/findings body: the event's data without ids and links, blanks left out.
 * Phone numbers go as the officer typed them (`0812-3456-7890`): the ministry reads the Indonesian
 * forms into E.164 and names the one it cannot read. The posting time is typed in Jakarta's time.
 */
export function findingBody(values: FindingValues): Record<string, unknown> {
  const phoneNumbers = values.phones.map((p) => p.value.trim()).filter(Boolean);
  return {
    platform: values.platform,
    ...trimmedOrOmitted('url', values.url),
    ...(values.postedAt ? { postedAt: placeLocalToInstant(values.postedAt, 'ministry:desk') } : {}),
    ...trimmedOrOmitted('accountHandle', values.accountHandle),
    ...(phoneNumbers.length ? { phoneNumbers } : {}),
    ...trimmedOrOmitted('companyName', values.companyName),
    ...trimmedOrOmitted('destinationCountry', values.destinationCountry.toUpperCase()),
    ...trimmedOrOmitted('summary', values.summary),
    ...(values.region ? { region: values.region } : {}),
  };
}

interface Recorded {
  id: string;
  eventId: string;
  caseIds: string[];
}

function CaseLinks({ caseIds }: { caseIds: string[] }) {
  const { t } = useLanguage();
  if (!caseIds.length) return <span className="hint">{t('patrol.noCases')}</span>;
  return (
    <ul>
      {caseIds.map((caseId) => (
        <li key={caseId}>
          <Link to={`/ministry/cases/${caseId}`} className="mono small">
            {caseId}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/**
 * A finding's account handle and phone numbers: withheld from the list, shown for one finding on
 * the officer's request (GET /v1/patrol/findings/:id, audited under the purpose stated on the page).
 */
function WithheldIdentifiers({
  finding,
  access,
}: {
  finding: PatrolFinding;
  access: { official: string; purpose: string };
}) {
  const { t } = useLanguage();
  const [shown, setShown] = useState<PatrolFindingView>();
  const [error, setError] = useState<unknown>();
  if (!finding.identifiersWithheld.length) return <span>–</span>;
  if (shown) {
    return (
      <div className="mono small" data-testid="finding-identifiers">
        {shown.accountHandle ? <div>{shown.accountHandle}</div> : null}
        {(shown.phoneNumbers ?? []).map((phone) => (
          <div key={phone}>{phone}</div>
        ))}
      </div>
    );
  }
  const show = async () => {
    setError(undefined);
    try {
      setShown(
        await api<PatrolFindingView>('ministry', `/v1/patrol/findings/${finding.findingId}`, { access }),
      );
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <span className="hint">
        {t('patrol.withheld', {
          fields: finding.identifiersWithheld
            .map((field) =>
              field === 'phoneNumbers'
                ? t('patrol.phoneCount', { count: finding.phoneNumberCount })
                : t('patrol.accountHandle'),
            )
            .join(', '),
        })}
      </span>{' '}
      <button type="button" className="link-button" onClick={() => void show()} data-testid="finding-show">
        {t('patrol.show')}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}

/** The form recording one finding; each of the ministry's field problems shows at its field. */
function RecordFindingForm({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useLanguage();
  const { register, control, handleSubmit, reset } = useForm<FindingValues>({ defaultValues: EMPTY_FINDING });
  const phones = useFieldArray({ control, name: 'phones' });
  const write = useWrite<Recorded>();
  // The paths of the submission the errors answer, not of what has been typed since.
  const [paths, setPaths] = useState<(string | undefined)[]>([]);
  const error = write.error;
  const submit = async (values: FindingValues) => {
    setPaths(phoneInputPaths(values.phones));
    if (await write.submit('/v1/patrol/findings', findingBody(values))) {
      reset(EMPTY_FINDING);
      onRecorded();
    }
  };
  return (
    <form
      className="card"
      noValidate
      onSubmit={handleSubmit(submit)}
      aria-labelledby="finding-title"
      data-testid="finding-form"
    >
      <h2 id="finding-title">{t('patrol.recordTitle')}</h2>
      <p className="hint">{t('patrol.recordHint')}</p>
      <div className="row">
        <Field label={t('patrol.platform')} path="platform" error={error} required>
          {(props) => (
            <select {...props} {...register('platform')} data-testid="finding-platform">
              {PATROL_PLATFORMS.map((platform) => (
                <option key={platform} value={platform}>
                  {t(`platform.${platform}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('patrol.url')} path="url" error={error} required hint={t('patrol.urlHint')}>
          {(props) => <input {...props} type="url" {...register('url')} data-testid="finding-url" />}
        </Field>
        <Field label={t('patrol.postedAt')} path="postedAt" error={error} hint={t('patrol.deskTime')}>
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              {...register('postedAt')}
              data-testid="finding-postedAt"
            />
          )}
        </Field>
      </div>
      <div className="row">
        <Field
          label={t('patrol.accountHandle')}
          path="accountHandle"
          error={error}
          hint={t('patrol.handleHint')}
        >
          {(props) => <input {...props} {...register('accountHandle')} data-testid="finding-accountHandle" />}
        </Field>
        <Field label={t('patrol.companyName')} path="companyName" error={error}>
          {(props) => <input {...props} {...register('companyName')} data-testid="finding-companyName" />}
        </Field>
        <Field
          label={t('patrol.destinationCountry')}
          path="destinationCountry"
          error={error}
          hint={t('patrol.countryHint')}
        >
          {(props) => (
            <input
              {...props}
              {...register('destinationCountry')}
              maxLength={3}
              data-testid="finding-destinationCountry"
            />
          )}
        </Field>
        <Field label={t('patrol.region')} path="region" error={error} hint={t('patrol.regionHint')}>
          {(props) => (
            <select {...props} {...register('region')} data-testid="finding-region">
              <option value="">{t('patrol.noRegion')}</option>
              {POLDAS.map((polda) => (
                <option key={polda.code} value={polda.code}>
                  {polda.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset>
        <legend>{t('patrol.phoneNumbers')}</legend>
        <p className="hint">{t('patrol.phoneHint', { count: MAX_PHONE_NUMBERS })}</p>
        <div className="row">
          {phones.fields.map((field, index) => (
            <Field
              key={field.id}
              label={t('patrol.phoneNumber', { number: index + 1 })}
              path={paths[index] ?? `phones-unsent-${index}`}
              error={error}
            >
              {(props) => (
                <input
                  {...props}
                  type="tel"
                  autoComplete="off"
                  {...register(`phones.${index}.value`)}
                  data-testid={`finding-phone-${index}`}
                />
              )}
            </Field>
          ))}
        </div>
        {phones.fields.length < MAX_PHONE_NUMBERS ? (
          <button type="button" onClick={() => phones.append({ value: '' })}>
            {t('patrol.addPhone')}
          </button>
        ) : null}
      </fieldset>
      <Field label={t('patrol.summary')} path="summary" error={error} required hint={t('patrol.summaryHint')}>
        {(props) => <textarea {...props} rows={3} {...register('summary')} data-testid="finding-summary" />}
      </Field>
      <ErrorNotice error={error} />
      {write.done ? (
        <p
          className="notice notice-ok"
          role="status"
          data-testid="finding-recorded"
          data-record-id={write.done.id}
          data-event-id={write.done.eventId}
        >
          ✓ {t('form.recorded')} <span className="mono">{write.done.id}</span> ·{' '}
          {t('patrol.linkedCases', { count: write.done.caseIds.length })}
        </p>
      ) : null}
      <button type="submit" className="button-primary" disabled={write.busy} data-testid="finding-submit">
        {t('patrol.submit')}
      </button>
    </form>
  );
}

/**
 * The ministry desk's cyber patrol: record an online recruitment ad, the findings newest first with
 * the cases each is linked to, and a search by phone number. Findings hold personal data (handles,
 * phone numbers), so every read names the officer and the purpose stated on the page (audited).
 */
export function PatrolFindings() {
  const { t } = useLanguage();
  const { access, purpose, setPurpose } = useReadAccess(PATROL_READ_PURPOSES[0]);
  const [typedPhone, setTypedPhone] = useState('');
  const [phone, setPhone] = useState('');
  const findings = useQuery({
    queryKey: ['patrol-findings', phone, purpose],
    queryFn: ({ signal }) =>
      api<{ findings: PatrolFinding[] }>(
        'ministry',
        `/v1/patrol/findings${phone ? `?${new URLSearchParams({ phone })}` : ''}`,
        { signal, access },
      ),
  });
  const items = [...(findings.data?.findings ?? [])].sort((a, b) => b.recordedAt.localeCompare(a.recordedAt));
  return (
    <div>
      <h1>{t('patrol.title')}</h1>
      <RecordFindingForm onRecorded={() => void findings.refetch()} />
      <h2>{t('patrol.listTitle')}</h2>
      <form
        className="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setPhone(typedPhone.trim());
        }}
      >
        <PurposeSelect
          purposes={PATROL_READ_PURPOSES}
          purpose={purpose}
          setPurpose={setPurpose}
          testId="patrol-purpose"
        />
        <label>
          {t('patrol.searchPhone')}
          <input
            type="tel"
            autoComplete="off"
            value={typedPhone}
            onChange={(e) => setTypedPhone(e.target.value)}
            data-testid="patrol-search-phone"
          />
        </label>
        <button type="submit" data-testid="patrol-search">
          {t('patrol.search')}
        </button>
        {phone ? (
          <button
            type="button"
            className="button-quiet"
            onClick={() => {
              setTypedPhone('');
              setPhone('');
            }}
          >
            {t('patrol.clearSearch')}
          </button>
        ) : null}
      </form>
      <p className="hint">{t('patrol.auditedHint')}</p>
      <ErrorNotice error={findings.error} />
      <ListTable
        rows={findings.data ? items.length : undefined}
        none={t('patrol.none')}
        caption={t('patrol.count', { count: items.length })}
        testId="findings-table"
        columns={[
          t('patrol.recordedAt'),
          t('patrol.platform'),
          t('patrol.ad'),
          t('patrol.identifiers'),
          t('patrol.companyName'),
          t('patrol.region'),
          t('patrol.cases'),
        ]}
      >
        {items.map((finding) => (
          <tr key={finding.findingId} data-testid="finding" data-finding-id={finding.findingId}>
            <td>
              <Instant iso={finding.recordedAt} place="ministry:desk" />
            </td>
            <td>{t(`platform.${finding.platform}`)}</td>
            <td>
              <AdText url={finding.url} summary={finding.summary} />
            </td>
            <td>
              <WithheldIdentifiers finding={finding} access={access} />
            </td>
            <td>
              {finding.companyName ?? '–'}
              {finding.destinationCountry ? ` → ${finding.destinationCountry}` : ''}
            </td>
            <td>{finding.region ?? '–'}</td>
            <td>
              <CaseLinks caseIds={finding.caseIds ?? []} />
            </td>
          </tr>
        ))}
      </ListTable>
    </div>
  );
}
