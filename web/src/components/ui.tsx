// Small building blocks shared by every page: cards, headline numbers, tables, badges and the
// states a page can be in (loading, error, not computed yet).
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { ApiError } from '../api/client';
import { canRetry, errorWords } from '../i18n/errors';
import type { Severity } from '@report/index.js';

/** A white panel with an optional title and actions. */
export function Card({
  title,
  sub,
  actions,
  children,
  className = '',
  id,
}: {
  title?: ReactNode;
  sub?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  id?: string;
}) {
  return (
    <section className={`card ${className}`} id={id}>
      {(title || actions) && (
        <header className="card-head">
          <div>
            {title && <h2 className="card-title">{title}</h2>}
            {sub && <p className="card-sub">{sub}</p>}
          </div>
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** A headline number with its label and a comparison line. */
export function Stat({
  label,
  value,
  delta,
  deltaTone,
  note,
  testId,
}: {
  label: string;
  value: string;
  delta?: string;
  deltaTone?: 'up' | 'down' | 'flat';
  note?: string;
  testId?: string;
}) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      {delta && <div className={`stat-delta ${deltaTone ?? 'flat'}`}>{delta}</div>}
      {note && <div className="stat-note">{note}</div>}
    </div>
  );
}

/** The title block of a page. */
export function PageHeader({
  title,
  lead,
  right,
}: {
  title: string;
  lead?: ReactNode;
  right?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        {lead && <p className="lead">{lead}</p>}
      </div>
      {right && <div className="page-head-right">{right}</div>}
    </div>
  );
}

/** The placeholder while data loads. */
export function Loading() {
  const { t } = useI18n();
  return <div className="state-box muted">{t('loading')}</div>;
}

/** An API error in the user's words; a retry button only where trying again can help. */
export function ErrorBox({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const { t, lang } = useI18n();
  return (
    <div className="state-box error" role="alert" data-error-code={error.code}>
      <strong>{t('error')}</strong> {errorWords(error, lang)}{' '}
      {onRetry && canRetry(error) && (
        <button className="btn small ghost" onClick={onRetry} data-testid="retry">
          {t('retry')}
        </button>
      )}
    </div>
  );
}

/** The message of a section the report does not hold (yet). */
export function NotComputed({ what }: { what?: string }) {
  const { t } = useI18n();
  return (
    <div className="state-box empty" data-testid="not-computed">
      <div className="empty-icon" aria-hidden>
        ◌
      </div>
      <div>
        <strong>
          {what ? `${what}: ` : ''}
          {t('not_computed')}
        </strong>
        <p>{t('not_computed_help')}</p>
      </div>
    </div>
  );
}

/** A severity pill. */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useI18n();
  return <span className={`badge sev-${severity}`}>{t(`severity_${severity}`)}</span>;
}

export interface Column<T> {
  key: string;
  label: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  width?: number | string;
  nowrap?: boolean;
}

/** A plain table of rows. */
export function Table<T>({
  columns,
  rows,
  empty,
  dense,
  testId,
}: {
  columns: Column<T>[];
  rows: T[];
  empty?: string;
  dense?: boolean;
  testId?: string;
}) {
  return (
    // Focusable, so that a keyboard can scroll a table wider than the screen.
    <div className="table-wrap" tabIndex={0}>
      <table className={`table ${dense ? 'dense' : ''}`} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} style={{ textAlign: c.align ?? 'left', width: c.width }}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="muted center">
                {empty ?? '—'}
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td
                    key={c.key}
                    style={{ textAlign: c.align ?? 'left' }}
                    className={c.nowrap || c.align === 'right' ? 'nowrap' : undefined}
                  >
                    {c.render(r)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** A horizontal bar inside a table cell (share 0–1). */
export function Meter({
  share,
  tone = 'primary',
}: {
  share: number | null;
  tone?: 'primary' | 'accent' | 'red' | 'green';
}) {
  const w = share === null ? 0 : Math.max(0, Math.min(1, share)) * 100;
  return (
    <span className="meter">
      <span className={`meter-fill ${tone}`} style={{ width: `${w}%` }} />
    </span>
  );
}
