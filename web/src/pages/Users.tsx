// Users (admin): who can sign in with which role, adding and deleting them, and the audit log.
import { useState, type FormEvent } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader, Table } from '../components/ui';
import { ApiError, send } from '../api/client';
import { useApi } from '../state/data';

interface User {
  username: string;
  role: string;
  created_at: string;
}
interface AuditEntry {
  logged_at: string;
  actor: string;
  action: string;
  detail: Record<string, unknown> | null;
}

const ACTIONS = [
  'anonymise',
  'checkup_run',
  'export',
  'import_commit',
  'login',
  'login_failed',
  'logout',
  'segment_delete',
  'segment_rename',
  'settings_change',
  'user_add',
  'user_delete',
  'user_update',
];

/** Returns an audit action in words (the log stores a code). */
function actionWords(a: string, t: (k: MessageKey) => string): string {
  return ACTIONS.includes(a) ? t(`audit_${a}` as MessageKey) : a;
}

/** Returns an audit entry's particulars as plain values (a date, a user, a file), not JSON. */
function detailWords(d: unknown): string {
  if (!d || typeof d !== 'object') return d ? String(d) : '';
  return Object.values(d as Record<string, unknown>)
    .filter((v) => v !== null && v !== undefined && v !== '')
    .map((v) => (typeof v === 'object' ? detailWords(v) : String(v)))
    .join(' · ');
}

export function UsersPage() {
  const { t, lang } = useI18n();
  const users = useApi<{ users: User[] }>('/api/users');
  const audit = useApi<{ entries: AuditEntry[] }>('/api/audit?limit=100');
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [created, setCreated] = useState<{ username: string; password: string } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const r = await send<{ user: User; generated_password?: string }>('POST', '/api/users', {
        username: name.trim(),
        role,
      });
      setCreated(
        r.generated_password ? { username: r.user.username, password: r.generated_password } : null,
      );
      setName('');
      users.reload();
      audit.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const remove = async (u: string) => {
    if (!window.confirm(`${t('delete')}: ${u}?`)) return;
    setError(null);
    try {
      await send('DELETE', `/api/users/${encodeURIComponent(u)}`);
      users.reload();
      audit.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (users.error) return <ErrorBox error={users.error} onRetry={users.reload} />;
  if (!users.data) return <Loading />;
  return (
    <>
      <PageHeader title={t('page_users')} />
      {error && <ErrorBox error={error} />}
      <div className="grid-1-2">
        <Card title={t('add_user')}>
          <form className="form" onSubmit={add}>
            <label>
              <span>{t('username')}</span>
              <input
                value={name}
                onChange={(e) => setName(e.target.value)}
                pattern="[A-Za-z0-9._-]{1,64}"
                required
              />
            </label>
            <label>
              <span>{t('role')}</span>
              <select value={role} onChange={(e) => setRole(e.target.value)}>
                {['viewer', 'analyst', 'admin'].map((r) => (
                  <option key={r} value={r}>
                    {t(`role_${r}` as 'role_viewer')}
                  </option>
                ))}
              </select>
            </label>
            <button className="btn primary" type="submit">
              {t('add_user')}
            </button>
          </form>
          {created && (
            <div className="notice success">
              {t('generated_password')}: <b>{created.username}</b> / <code>{created.password}</code>
            </div>
          )}
        </Card>
        <Card title={t('users')}>
          <Table
            rows={users.data.users}
            columns={[
              { key: 'u', label: t('username'), render: (u) => u.username },
              {
                key: 'r',
                label: t('role'),
                render: (u) => (
                  <span className={`badge role-${u.role}`}>
                    {t(`role_${u.role}` as 'role_viewer')}
                  </span>
                ),
              },
              {
                key: 'c',
                label: t('created_at'),
                render: (u) => u.created_at.replace('T', ' ').replace('Z', ''),
              },
              {
                key: 'x',
                label: '',
                align: 'right',
                render: (u) => (
                  <button className="btn small ghost" onClick={() => void remove(u.username)}>
                    {t('delete')}
                  </button>
                ),
              },
            ]}
          />
        </Card>
      </div>
      <Card title={t('audit_log')}>
        {audit.data ? (
          <Table
            dense
            rows={audit.data.entries}
            columns={[
              {
                key: 't',
                label: lang === 'ja' ? '日時 (UTC)' : 'Time (UTC)',
                render: (e) => e.logged_at.replace('T', ' ').slice(0, 19),
              },
              { key: 'a', label: lang === 'ja' ? '実行者' : 'Actor', render: (e) => e.actor },
              {
                key: 'x',
                label: lang === 'ja' ? '操作' : 'Action',
                render: (e) => actionWords(e.action, t),
              },
              {
                key: 'd',
                label: lang === 'ja' ? '詳細' : 'Detail',
                render: (e) => <span className="muted small mono">{detailWords(e.detail)}</span>,
              },
            ]}
          />
        ) : (
          <Loading />
        )}
      </Card>
    </>
  );
}
