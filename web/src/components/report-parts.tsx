// Pieces of the report shown on several pages: the findings list, the no-checkup state with a
// run button, and the hook that picks the overview or a dated report.
import { useState } from 'react';
import { ApiError, send } from '../api/client';
import { useI18n } from '../i18n';
import { invalidate, useApi, reportUrl } from '../state/data';
import { can, useSession } from '../state/session';
import { useLocation } from '../state/url';
import { Card, ErrorBox, SeverityBadge } from './ui';
import type { Finding, Overview } from '@report/index.js';

/** Returns the overview of the latest checkup, or of the ?d= date (from its full report). */
export function useOverview() {
  const { query } = useLocation();
  const d = query.get('d');
  return useApi<Overview>(d ? reportUrl(query) : '/api/overview');
}

/** A button that computes and stores the checkup (analysts and admins). */
export function RunCheckupButton({ onDone }: { onDone?: () => void }) {
  const { me } = useSession();
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!can(me, 'analyst')) return null;
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await send('POST', '/api/checkup/run', {});
      invalidate('/api/');
      onDone?.();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="run-checkup">
      <button className="btn primary small" onClick={run} disabled={busy} data-testid="run-checkup">
        {busy ? t('running') : t('run_checkup')}
      </button>
      {error && <ErrorBox error={error} />}
    </span>
  );
}

/** The page body when no checkup is stored yet. */
export function NoCheckup() {
  const { t } = useI18n();
  return (
    <Card>
      <div className="state-box empty">
        <div className="empty-icon" aria-hidden>
          ◌
        </div>
        <div>
          <strong>{t('no_checkup')}</strong>
          <p>{t('no_checkup_help')}</p>
          <RunCheckupButton />
        </div>
      </div>
    </Card>
  );
}

/** Returns true when the error means "nothing stored yet". */
export function isNoCheckup(e: ApiError | null): boolean {
  return e?.code === 'no_checkup';
}

/** The findings of a report, most severe first, each with its cause and action. */
export function FindingList({ findings, limit }: { findings: Finding[]; limit?: number }) {
  const { t, tx } = useI18n();
  if (!findings.length) return <p className="muted">{t('no_findings')}</p>;
  return (
    <ul className="findings">
      {findings.slice(0, limit ?? findings.length).map((f) => (
        <li key={f.id} className={`finding sev-${f.severity}`} data-finding={f.id}>
          <div className="finding-head">
            <SeverityBadge severity={f.severity} />
            <span className="finding-title">{tx(f.title)}</span>
          </div>
          <dl className="finding-body">
            <dt>{t('cause')}</dt>
            <dd>{tx(f.cause)}</dd>
            <dt>{t('action')}</dt>
            <dd>{tx(f.action)}</dd>
            <dt>{t('finding_test')}</dt>
            <dd className="muted small" data-testid="finding-test">
              {tx(f.test)}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
