import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/client';
import type { PreventedDepartures } from '../../api/types';
import { fieldWorkRows } from './field-work-figures';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TableHead } from '../../components/TableHead';
import { formatMonth, formatNumber } from '../../i18n/format';
import { useLanguage } from '../../i18n/i18n';

const GROUPINGS = ['polda', 'checkpoint', 'month'] as const;
type Grouping = (typeof GROUPINGS)[number];

/** One grouping of the prevented-departures figure: a chart, and a table whose every figure opens its events. */
function PreventedChart({ groupBy }: { groupBy: Grouping }) {
  const { t, language } = useLanguage();
  const [opened, setOpened] = useState<string>();
  const stats = useQuery({
    queryKey: ['prevented', groupBy],
    queryFn: ({ signal }) =>
      api<PreventedDepartures>('ministry', `/v1/stats/prevented-departures?groupBy=${groupBy}`, { signal }),
    refetchInterval: 15_000,
  });
  if (stats.isError) return <ErrorNotice error={stats.error} />;
  if (!stats.data) return <p>{t('common.loading')}</p>;
  const label = (key: string) => (groupBy === 'month' ? formatMonth(key, language) : key);
  const data = stats.data.groups.map((g) => ({ ...g, label: label(g.key) }));
  const titleId = `prevented-${groupBy}`;
  return (
    <section className="card" aria-labelledby={titleId} data-testid={`prevented-${groupBy}`}>
      <h2 id={titleId}>{t(`dashboard.by_${groupBy}`)}</h2>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip formatter={(value) => formatNumber(Number(value), language)} />
            {/* No grow-in animation: a figure read (or captured) mid-animation would show a wrong height. */}
            <Bar
              isAnimationActive={false}
              dataKey="prevented"
              name={t('dashboard.prevented')}
              fill="#1d5fa8"
              onClick={(entry) => setOpened((entry as { key?: string }).key)}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="data">
        <TableHead
          columns={[t(`dashboard.key_${groupBy}`), t('dashboard.prevented'), t('dashboard.events')]}
        />
        <tbody>
          {data.map((group) => (
            <tr key={group.key}>
              <td>{group.label}</td>
              <td data-testid="prevented-figure" data-key={group.key} data-value={group.prevented}>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={opened === group.key}
                  onClick={() => setOpened(opened === group.key ? undefined : group.key)}
                >
                  {formatNumber(group.prevented, language)}
                </button>
              </td>
              <td>
                {opened === group.key ? (
                  <ul className="mono small" data-testid="prevented-events">
                    {group.eventIds.map((id) => (
                      <li key={id}>{id}</li>
                    ))}
                  </ul>
                ) : (
                  t('dashboard.eventCount', { count: group.eventIds.length })
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The field work's own figures (victims assisted, returned home) by month, beside the headline figure. */
function FieldWorkCard({ stats }: { stats: PreventedDepartures }) {
  const { t, language } = useLanguage();
  const [opened, setOpened] = useState<string>();
  const rows = fieldWorkRows(stats.assisted, stats.returnedHome);
  return (
    <section className="card" aria-labelledby="field-work" data-testid="field-work-figures">
      <h2 id="field-work">{t('dashboard.fieldWork')}</h2>
      <p className="hint">{t('dashboard.fieldWorkDefinition')}</p>
      <table className="data">
        <TableHead
          columns={[
            t('dashboard.key_month'),
            t('dashboard.assisted'),
            t('dashboard.returnedHome'),
            t('dashboard.events'),
          ]}
        />
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{formatMonth(row.key, language)}</td>
              <td data-testid="assisted-figure" data-key={row.key} data-value={row.assisted}>
                {formatNumber(row.assisted, language)}
              </td>
              <td data-testid="returned-home-figure" data-key={row.key} data-value={row.returnedHome}>
                {formatNumber(row.returnedHome, language)}
              </td>
              <td>
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={opened === row.key}
                  onClick={() => setOpened(opened === row.key ? undefined : row.key)}
                >
                  {t('dashboard.eventCount', { count: row.eventIds.length })}
                </button>
                {opened === row.key ? (
                  <ul className="mono small">
                    {row.eventIds.map((id) => (
                      <li key={id}>{id}</li>
                    ))}
                  </ul>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The prevented-departures dashboard: the ministry's headline figure by Polda, checkpoint and month. */
export function Dashboard() {
  const { t, language } = useLanguage();
  const total = useQuery({
    queryKey: ['prevented', 'month'],
    queryFn: ({ signal }) =>
      api<PreventedDepartures>('ministry', '/v1/stats/prevented-departures?groupBy=month', { signal }),
  });
  const sum = total.data?.groups.reduce((s, g) => s + g.prevented, 0);
  return (
    <div>
      <h1>{t('dashboard.title')}</h1>
      <p className="headline" data-testid="prevented-total">
        {t('dashboard.total')}: <strong>{sum === undefined ? '–' : formatNumber(sum, language)}</strong>
      </p>
      <p className="hint">{t('dashboard.definition')}</p>
      {total.data ? (
        <p className="headline" data-testid="field-work-total">
          {t('dashboard.assisted')}:{' '}
          <strong>{formatNumber(total.data.assisted?.total ?? 0, language)}</strong>
          {' · '}
          {t('dashboard.returnedHome')}:{' '}
          <strong>{formatNumber(total.data.returnedHome?.total ?? 0, language)}</strong>
        </p>
      ) : null}
      <div className="grid">
        {GROUPINGS.map((g) => (
          <PreventedChart key={g} groupBy={g} />
        ))}
        {total.data ? <FieldWorkCard stats={total.data} /> : null}
      </div>
    </div>
  );
}
