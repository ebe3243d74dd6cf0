// A customer's history: find by id (analysts: also by name, e-mail or phone), then the record,
// where the customer stands (R, F, M, ladder level, RFM segment), orders, contacts and leads.
// Personal fields come only for analysts and admins; admins can anonymise on request.
import { useMemo, useState, type FormEvent } from 'react';
import { channelWords, statusWords } from '../components/code-words';
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader, Stat, Table } from '../components/ui';
import { useApi, invalidate, useReport } from '../state/data';
import { navigate, useLocation } from '../state/url';
import { can, useSession } from '../state/session';
import { ApiError, send } from '../api/client';
import { fmtInt, fmtMoney, fmtNum, fmtPct } from '../format';
import { Chart } from '../charts/Chart';
import { pAliveLine } from '../charts/options';

interface History {
  as_of: string;
  customer: Record<string, string | null>;
  personal: Record<string, string | null> | null;
  standing: {
    first_purchase: string | null;
    last_purchase: string | null;
    r_days: number | null;
    f: number;
    m: number;
    active: boolean;
    ladder_level: number | null;
    ladder_stage: string | null;
    rfm: { r_score: number; f_score: number; m_score: number; segment: string } | null;
  };
  value: {
    history: { as_of: string; p_alive: number; expected_365: number; clv_365: number | null }[];
    reason: { ja: string; en: string } | null;
  };
  orders: Record<string, string | number | null>[];
  contacts: Record<string, string | number | null>[];
  leads: Record<string, string | null>[];
  truncated: { orders: boolean; contacts: boolean };
}

/** Labels of the record's fields and the history's columns. */
const LABELS: Record<string, [string, string]> = {
  created_at: ['登録日時', 'Created'],
  prefecture: ['都道府県', 'Prefecture'],
  gender: ['性別', 'Gender'],
  acquisition_channel: ['獲得チャネル', 'Acquisition channel'],
  referred_by_customer_id: ['紹介者', 'Referred by'],
  attributes: ['属性', 'Attributes'],
  anonymized_at: ['匿名化日時', 'Anonymised at'],
  name: ['氏名', 'Name'],
  email: ['メール', 'E-mail'],
  phone: ['電話', 'Phone'],
  postal_code: ['郵便番号', 'Postal code'],
  birth_date: ['生年月日', 'Birth date'],
  date: ['日時', 'Date'],
  amount: ['金額', 'Amount'],
  status: ['状態', 'Status'],
  items: ['商品', 'Items'],
  coupon: ['クーポン', 'Coupon'],
  channel: ['チャネル', 'Channel'],
  campaign: ['キャンペーン', 'Campaign'],
  lead: ['リード', 'Lead'],
  events: ['イベント', 'Events'],
};

export function CustomerPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const id = query.get('id');
  const q = query.get('q');
  const [text, setText] = useState(q ?? id ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = text.trim();
    if (v) navigate('/customers', { q: v, id: null });
  };
  return (
    <>
      <PageHeader title={t('page_customer')} />
      <Card>
        <form className="search" onSubmit={submit}>
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t('find_customer')}
            aria-label={t('find_customer')}
            data-testid="customer-search"
          />
          <button className="btn primary" type="submit">
            {t('search')}
          </button>
        </form>
        {q && !id && <Results q={q} />}
      </Card>
      {id && <Detail id={id} />}
    </>
  );
}

/** Search results as links to the history. */
function Results({ q }: { q: string }) {
  const { t } = useI18n();
  const r = useApi<{ customers: Record<string, string | null>[] }>(
    `/api/customers?q=${encodeURIComponent(q)}`,
  );
  if (r.error) return <ErrorBox error={r.error} />;
  if (!r.data) return <Loading />;
  return (
    <Table
      dense
      rows={r.data.customers}
      empty="—"
      columns={[
        {
          key: 'id',
          label: t('customer_id'),
          render: (c) => (
            <a
              href="#"
              onClick={(e) => {
                e.preventDefault();
                navigate('/customers', { id: String(c.customer_id), q: null });
              }}
            >
              {c.customer_id}
            </a>
          ),
        },
        ...(r.data.customers[0] && 'name' in r.data.customers[0]
          ? [
              {
                key: 'n',
                label: 'name',
                render: (c: Record<string, string | null>) => c.name ?? '—',
              },
              {
                key: 'e',
                label: 'email',
                render: (c: Record<string, string | null>) => c.email ?? '—',
              },
            ]
          : []),
        { key: 'p', label: 'prefecture', render: (c) => c.prefecture ?? '—' },
      ]}
    />
  );
}

/** One customer's history. */
function Detail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const L = (k: string) => LABELS[k]?.[lang === 'ja' ? 0 : 1] ?? k;
  const { me } = useSession();
  const url = `/api/customers/${encodeURIComponent(id)}`;
  const h = useApi<History>(url);
  const report = useReport().data;
  const [msg, setMsg] = useState<string | null>(null);
  // Segment and stage names come with the report (one vocabulary for the whole dashboard).
  const segName = (id: string) => {
    const seg = report?.rfm?.segments.find((x) => x.segment === id);
    return seg ? (lang === 'ja' ? seg.name_ja : seg.name_en) : id;
  };
  const stageName = (stage: string) => {
    const l = report?.ladder?.levels.find((x) => x.stage === stage);
    return l ? (lang === 'ja' ? l.name_ja : l.name_en) : stage;
  };
  if (h.error) return <ErrorBox error={h.error} onRetry={h.reload} />;
  if (!h.data) return <Loading />;
  const d = h.data;
  const s = d.standing;
  const anonymise = async () => {
    if (!window.confirm(t('anonymise_confirm'))) return;
    try {
      await send('POST', `${url}/anonymise`);
      invalidate(url);
      setMsg(t('anonymised'));
    } catch (e) {
      setMsg(e instanceof ApiError ? (lang === 'ja' ? e.messageJa : e.message) : String(e));
    }
  };
  return (
    <>
      <Card
        title={<span data-testid="customer-id">{String(d.customer.customer_id)}</span>}
        sub={`${t('as_of')} ${d.as_of}${d.customer.anonymized_at ? ` · ${t('anonymised')} ${d.customer.anonymized_at}` : ''}`}
        actions={
          can(me, 'admin') &&
          !d.customer.anonymized_at && (
            <button className="btn danger small" onClick={() => void anonymise()}>
              {t('anonymise')}
            </button>
          )
        }
      >
        {msg && <div className="notice">{msg}</div>}
        <div className="kpis kpis-5 flat">
          <Stat
            label="R"
            value={s.r_days === null ? '—' : `${fmtInt(s.r_days)}d`}
            note={s.last_purchase ?? ''}
          />
          <Stat
            label="F"
            value={fmtInt(s.f)}
            note={s.first_purchase ? `${t('first_purchase')} ${s.first_purchase}` : ''}
          />
          <Stat label="M" value={fmtMoney(s.m)} />
          <Stat
            label={t('ladder_level')}
            value={s.ladder_level === null ? '—' : s.ladder_level.toFixed(1)}
            note={s.ladder_stage ? stageName(s.ladder_stage) : ''}
          />
          <Stat
            label="RFM"
            value={s.rfm ? segName(s.rfm.segment) : '—'}
            note={s.rfm ? `R${s.rfm.r_score} F${s.rfm.f_score} M${s.rfm.m_score}` : ''}
          />
        </div>
        <dl className="kv two">
          {Object.entries(d.customer)
            .filter(([k]) => k !== 'customer_id')
            .map(([k, v]) => (
              <div className="kv-row" key={k}>
                <dt>{L(k)}</dt>
                <dd>{v ?? '—'}</dd>
              </div>
            ))}
          {d.personal ? (
            Object.entries(d.personal).map(([k, v]) => (
              <div className="kv-row personal" key={k}>
                <dt>{L(k)}</dt>
                <dd>{v ?? '—'}</dd>
              </div>
            ))
          ) : (
            <div className="kv-row">
              <dt>
                {L('name')} · {L('email')} · {L('phone')}
              </dt>
              <dd className="muted">{t('personal_hidden')}</dd>
            </div>
          )}
        </dl>
      </Card>
      <CustomerValueCard value={d.value} asOf={d.as_of} />
      <div className="grid-2">
        <Card title={`${t('orders')} (${fmtInt(d.orders.length)}${d.truncated.orders ? '+' : ''})`}>
          <Table
            dense
            rows={d.orders}
            columns={[
              { key: 'at', label: L('date'), nowrap: true, render: (o) => o.ordered_at },
              {
                key: 'a',
                label: L('amount'),
                align: 'right',
                render: (o) => fmtMoney(o.amount as number),
              },
              {
                key: 's',
                label: L('status'),
                render: (o) => (
                  <span className={`status ${o.status}`}>
                    {statusWords(String(o.status ?? ''), t)}
                  </span>
                ),
              },
              { key: 'i', label: L('items'), render: (o) => o.items ?? '—' },
              { key: 'c', label: L('coupon'), render: (o) => o.coupon_code ?? '' },
            ]}
          />
        </Card>
        <Card
          title={`${t('contacts')} (${fmtInt(d.contacts.length)}${d.truncated.contacts ? '+' : ''})`}
        >
          <Table
            dense
            rows={d.contacts}
            columns={[
              { key: 'at', label: L('date'), nowrap: true, render: (c) => c.sent_at },
              {
                key: 'ch',
                label: L('channel'),
                render: (c) => channelWords(String(c.channel ?? ''), t),
              },
              {
                key: 'cp',
                label: L('campaign'),
                render: (c) => c.campaign ?? c.campaign_id ?? '—',
              },
            ]}
          />
          {d.leads.length > 0 && (
            <>
              <h3 className="sub-title">{t('leads')}</h3>
              <Table
                dense
                rows={d.leads}
                columns={[
                  { key: 'id', label: L('lead'), render: (l) => l.lead_id },
                  { key: 'c', label: L('created_at'), render: (l) => l.created_at },
                  { key: 'e', label: L('events'), render: (l) => l.events ?? '—' },
                ]}
              />
            </>
          )}
        </Card>
      </div>
    </>
  );
}

/** P(alive), expected purchases and predicted CLV at the checkup of D, why, and P(alive) over time. */
function CustomerValueCard({ value, asOf }: { value: History['value']; asOf: string }) {
  const i = useI18n();
  const { t, tx } = i;
  const now = value.history.find((p) => p.as_of === asOf) ?? null;
  const line = useMemo(
    () => (value.history.length >= 2 ? pAliveLine(value.history, i) : null),
    [value.history, i.lang],
  );
  return (
    <Card title={t('cv_title')}>
      {now ? (
        <div className="kpis kpis-3 flat">
          <Stat label={t('cv_p_alive')} value={fmtPct(now.p_alive, 0)} testId="customer-p-alive" />
          <Stat label={t('cv_expected_365')} value={fmtNum(now.expected_365, 2)} />
          <Stat label={t('cv_clv_365')} value={fmtMoney(now.clv_365)} />
        </div>
      ) : (
        <p className="muted">{t('cv_none')}</p>
      )}
      {value.reason && <p data-testid="p-alive-reason">{tx(value.reason)}</p>}
      {line && <Chart option={line} height={200} label={t('cv_history')} />}
    </Card>
  );
}
