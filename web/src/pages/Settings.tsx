// Settings: business, thresholds, timezone, margin, diagnosis sensitivity and alert targets.
// Everyone may read them; only admins change them (the server validates every field).
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader } from '../components/ui';
import { ApiError, send } from '../api/client';
import { invalidate, useApi } from '../state/data';
import { can, useSession } from '../state/session';

type Settings = Record<string, unknown> & {
  business_name: string;
  timezone: string;
  currency: string;
  gross_margin_rate: number;
  retention_targets: { year2: number; year3: number };
  five_numbers: { profile: string; thresholds: Record<string, number> };
  diagnosis: Record<string, number>;
  alerts: { email_to: string[]; webhook_url?: string } & Record<string, unknown>;
  alerts_redacted?: boolean;
  /** Stored settings the server refused (shown at their defaults until saved). */
  invalid?: { field: string; ja: string; en: string }[];
};

/** Returns a copy of `obj` with the value at `path` replaced. */
function setIn<T>(obj: T, path: string[], value: unknown): T {
  if (!path.length) return value as T;
  const [k, ...rest] = path;
  const o = (obj ?? {}) as Record<string, unknown>;
  return { ...o, [k]: setIn(o[k], rest, value) } as T;
}

export function SettingsPage() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const admin = can(me, 'admin');
  const s = useApi<Settings>('/api/settings');
  const [draft, setDraft] = useState<Settings | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setDraft(s.data);
  }, [s.data]);
  if (s.error) return <ErrorBox error={s.error} onRetry={s.reload} />;
  if (!draft) return <Loading />;

  const num = (path: string[], label: string, step = 'any') => {
    const v = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], draft) as number;
    return (
      <label key={path.join('.')}>
        <span>{label}</span>
        <input
          type="number"
          step={step}
          value={v ?? ''}
          disabled={!admin}
          onChange={(e) =>
            setDraft(setIn(draft, path, e.target.value === '' ? undefined : Number(e.target.value)))
          }
          data-setting={path.join('.')}
        />
      </label>
    );
  };
  const text = (path: string[], label: string) => {
    const v = path.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], draft) as string;
    return (
      <label key={path.join('.')}>
        <span>{label}</span>
        <input
          value={v ?? ''}
          disabled={!admin}
          onChange={(e) => setDraft(setIn(draft, path, e.target.value || undefined))}
          data-setting={path.join('.')}
        />
      </label>
    );
  };
  const save = async () => {
    setError(null);
    setMsg(null);
    try {
      const body: Record<string, unknown> = { ...draft };
      delete body.alerts_redacted;
      delete body.invalid;
      const saved = await send<Settings>('PUT', '/api/settings', body);
      setDraft(saved);
      invalidate('/api/settings');
      setMsg(t('saved'));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const thresholds = Object.keys(draft.five_numbers.thresholds);
  return (
    <>
      <PageHeader
        title={t('page_settings')}
        lead={admin ? undefined : t('settings_readonly')}
        right={
          admin && (
            <button className="btn primary" onClick={() => void save()} data-testid="settings-save">
              {t('save')}
            </button>
          )
        }
      />
      {msg && (
        <div className="notice success" role="status">
          {msg}
        </div>
      )}
      {error && <ErrorBox error={error} />}
      {!!draft.invalid?.length && (
        <div className="notice warn" role="alert" data-testid="settings-invalid">
          <ul>
            {draft.invalid.map((p) => (
              <li key={p.field}>{lang === 'ja' ? p.ja : p.en}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid-2">
        <Card title={t('business_name')}>
          <div className="form-grid">
            {text(['business_name'], t('business_name'))}
            {text(['timezone'], t('timezone'))}
            {text(['currency'], t('currency'))}
            {num(['gross_margin_rate'], t('gross_margin_rate'), '0.01')}
          </div>
        </Card>
        <Card title={t('retention_targets')}>
          <div className="form-grid">
            {num(['retention_targets', 'year2'], t('year2'), '0.01')}
            {num(['retention_targets', 'year3'], t('year3'), '0.01')}
          </div>
        </Card>
        <Card title={t('five_thresholds')}>
          <div className="form-grid">
            <label>
              <span>{t('profile')}</span>
              <select
                value={draft.five_numbers.profile}
                disabled={!admin}
                onChange={(e) =>
                  setDraft(setIn(draft, ['five_numbers', 'profile'], e.target.value))
                }
              >
                <option value="auto">{t('profile_auto')}</option>
                <option value="solo">{t('profile_solo')}</option>
                <option value="history">{t('profile_history')}</option>
                <option value="custom">{t('profile_custom')}</option>
              </select>
            </label>
            {thresholds.map((k) =>
              num(['five_numbers', 'thresholds', k], t(k as 'total_customers')),
            )}
          </div>
        </Card>
        <Card title={t('diagnosis_settings')}>
          <div className="form-grid">
            {Object.keys(draft.diagnosis).map((k) =>
              num(['diagnosis', k], t(`dx_${k}` as MessageKey)),
            )}
          </div>
        </Card>
        <Card title={t('alert_targets')}>
          {draft.alerts_redacted ? (
            <p className="muted">{t('settings_readonly')}</p>
          ) : (
            <div className="form-grid one">
              <label>
                <span>{t('email_to')}</span>
                <input
                  value={draft.alerts.email_to.join(', ')}
                  disabled={!admin}
                  onChange={(e) =>
                    setDraft(
                      setIn(
                        draft,
                        ['alerts', 'email_to'],
                        e.target.value
                          .split(',')
                          .map((x) => x.trim())
                          .filter(Boolean),
                      ),
                    )
                  }
                />
              </label>
              {text(['alerts', 'webhook_url'], t('webhook_url'))}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
