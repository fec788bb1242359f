import type { ReactNode } from 'react';
import type { ApiError } from '../api/errors';
import { ErrorNotice } from '../components/ErrorNotice';
import { TableHead } from '../components/TableHead';
import { useLanguage } from '../i18n/i18n';

/**
 * A list page's table once its answer is in: the words for none when it is empty, else the table
 * with its caption (the count) and column headers. Nothing while loading: the page says so.
 */
export function ListTable({
  rows,
  none,
  caption,
  columns,
  testId,
  children,
}: {
  /** The rows answered, or undefined while loading. */
  rows: number | undefined;
  none: string;
  caption?: string;
  columns: string[];
  testId?: string;
  children: ReactNode;
}) {
  if (rows === undefined) return null;
  if (rows === 0) return <p className="empty">{none}</p>;
  return (
    <table className="data" data-testid={testId}>
      {caption ? <caption>{caption}</caption> : null}
      <TableHead columns={columns} />
      <tbody>{children}</tbody>
    </table>
  );
}

/** A row's action that opens its form in place (report, outcome): the button, or the form once opened. */
export function RowForm({
  opened,
  onOpen,
  label,
  testId,
  children,
}: {
  opened: boolean;
  onOpen: () => void;
  label: string;
  testId: string;
  children: ReactNode;
}) {
  if (opened) return <>{children}</>;
  return (
    <button type="button" onClick={onOpen} data-testid={testId}>
      {label}
    </button>
  );
}

/**
 * A small form inside a row or an alert: its fields (which show the service's problems at
 * themselves), the officer it is recorded under, what went wrong, and its one submit button.
 */
export function InlineForm({
  testId,
  onSubmit,
  error,
  busy,
  submitLabel,
  officer,
  children,
}: {
  testId: string;
  onSubmit: () => void;
  error: ApiError | undefined;
  busy: boolean;
  submitLabel: string;
  /** The signed-in officer the write is recorded under, shown before it is sent. */
  officer?: string;
  children: ReactNode;
}) {
  const { t } = useLanguage();
  return (
    <form
      className="inline-form"
      noValidate
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {officer ? (
        <p className="hint">
          {t('sendTeam.officer')}: <span className="mono">{officer}</span>
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <button type="submit" className="button-primary" disabled={busy} data-testid={`${testId}-submit`}>
        {submitLabel}
      </button>
    </form>
  );
}
