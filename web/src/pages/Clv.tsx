// Customer value (CLV, issue 17): the report's clv section — what the customer base is predicted
// to buy in the next 90 and 365 days, the top-decile customers likely to have left, the model's
// check on held-out weeks (cumulative repeat purchases, actual against expected), the spread of
// predicted CLV and P(alive) over the customers by decile, and the fitted models. Every number is
// the stored report's; labels and formats come from the field catalogue. Too few customers:
// the reason, and nothing else.
import { useMemo } from 'react';
import { readRate, rateEvidence, TOO_FEW_TO_JUDGE } from '@report/format.js';
import { useI18n, type I18n } from '../i18n';
import { Card, Stat, Table } from '../components/ui';
import { fieldColumns } from '../components/field-columns';
import { ReportPage } from '../components/ReportPage';
import { Chart } from '../charts/Chart';
import { PAliveMatrix } from '../components/PAliveMatrix';
import { clvDeciles, clvTracking } from '../charts/options';
import { useReport } from '../state/data';
import { fmtChange, fmtPct } from '../format';
import { fieldLabel, fmtField } from '../report/fields';
import type { ClvDistribution, ClvSection } from '@report/index.js';

type Decile = ClvDistribution['p_alive'][number];
type Fit = { params: Record<string, number>; standard_errors: Record<string, number | null> };

const MODEL_NAMES: Record<ClvSection['model'], string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  pareto: 'Pareto/NBD',
};

/** The parameters' names as the literature writes them. */
const GREEK: Record<string, string> = { alpha: 'α', beta: 'β', gamma: 'γ' };

const DECILE_KEYS = ['decile', 'customers', 'min', 'max', 'mean', 'total'] as const;

/** Returns "2026-12-02 17:52 UTC" for a stored ISO time. */
const utc = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : '—');

export function ClvPage() {
  const { t } = useI18n();
  return (
    <ReportPage
      title={t('page_clv')}
      loaded={useReport()}
      section={(r) => r.clv}
      // Too few: no words about predictions that were not made.
      lead={(r) => (r.clv?.status === 'fitted' ? t('clv_lead', { as_of: r.as_of }) : r.as_of)}
    >
      {(r, c) =>
        c.status === 'too_few' ? (
          <TooFew c={c} />
        ) : (
          <Fitted c={c} currency={r.business.currency} min={r.min_rate_base} />
        )
      }
    </ReportPage>
  );
}

/** Too few to judge: the reason with the counts, nothing that would look like a result. */
function TooFew({ c }: { c: ClvSection }) {
  const { t, tx } = useI18n();
  return (
    <Card title={t('wb_clv_too_few')}>
      <p data-testid="clv-too-few">{tx(c.reason)}</p>
    </Card>
  );
}

function Fitted({ c, currency, min }: { c: ClvSection; currency: string; min: number }) {
  const i = useI18n();
  const { t, tx, lang } = i;
  const f = (path: string, v: number | string | null | undefined) =>
    fmtField(path, v, lang, currency);
  const L = (path: string) => fieldLabel(path, lang);
  const h = c.holdout;
  const d = c.distribution;
  const tracking = useMemo(() => (h ? clvTracking(h, i) : null), [h, i]);
  const byClv = useMemo(
    () => (d?.clv_365 ? clvDeciles(d.clv_365, i, t('clv_mean_clv'), { currency }) : null),
    [d, i, t, currency],
  );
  const byAlive = useMemo(
    () => (d ? clvDeciles(d.p_alive, i, t('clv_mean_p_alive'), null) : null),
    [d, i, t],
  );
  return (
    <>
      {c.forecast && <Forecast c={c} currency={currency} min={min} i={i} />}
      <Card title={t('wb_clv_check')} sub={h ? t('clv_check_note', { n: h.weeks }) : undefined}>
        {h && tracking ? (
          <>
            <Chart option={tracking} height={300} label={t('clv_tracking_chart')} />
            <dl className="kv two" data-testid="clv-check">
              {(
                [
                  [
                    'clv.holdout.calibration_end',
                    f('clv.holdout.calibration_end', h.calibration_end),
                  ],
                  ['clv.holdout.customers', f('clv.holdout.customers', h.customers)],
                  [
                    'clv.holdout.actual_purchases',
                    f('clv.holdout.actual_purchases', h.actual_purchases),
                  ],
                  [
                    'clv.holdout.expected_purchases',
                    f('clv.holdout.expected_purchases', h.expected_purchases),
                  ],
                  ['clv.holdout.mae', f('clv.holdout.mae', h.mae)],
                  ['clv.holdout.aggregate_error', fmtChange(h.aggregate_error)],
                ] as const
              ).map(([path, v]) => (
                <div className="kv-row" key={path}>
                  <dt>{L(path)}</dt>
                  <dd data-testid={`clv-${path.slice(path.lastIndexOf('.') + 1)}`}>{v}</dd>
                </div>
              ))}
            </dl>
          </>
        ) : (
          <p className="muted">{tx(c.holdout_reason)}</p>
        )}
      </Card>
      {d && (
        <div className="grid-2">
          <Card title={t('clv_deciles_clv')} sub={t('clv_deciles_note')}>
            {d.clv_365 && byClv ? (
              <>
                <Chart option={byClv} height={260} label={t('clv_deciles_clv')} />
                <DecileTable
                  rows={d.clv_365}
                  prefix="clv.distribution.clv_365[]"
                  currency={currency}
                  testId="clv-deciles-clv"
                />
              </>
            ) : (
              <p className="muted">{tx(c.spend_reason)}</p>
            )}
          </Card>
          <Card title={t('clv_deciles_p_alive')} sub={t('clv_deciles_note')}>
            {byAlive && <Chart option={byAlive} height={260} label={t('clv_deciles_p_alive')} />}
            <DecileTable
              rows={d.p_alive}
              prefix="clv.distribution.p_alive[]"
              currency={currency}
              testId="clv-deciles-p-alive"
            />
          </Card>
        </div>
      )}
      {d?.p_alive_matrix && (
        <Card title={t('clv_matrix_title')}>
          <PAliveMatrix cells={d.p_alive_matrix} min={min} />
        </Card>
      )}
      <Models c={c} currency={currency} />
    </>
  );
}

/** The cards: the next 90 and 365 days of the base, then high value at risk. */
function Forecast({
  c,
  currency,
  min,
  i,
}: {
  c: ClvSection;
  currency: string;
  min: number;
  i: I18n;
}) {
  const { t, lang } = i;
  const fc = c.forecast!;
  const f = (path: string, v: number | null) => fmtField(path, v, lang, currency);
  const n = t('clv_base_n', { n: f('clv.forecast.customers', fc.customers) });
  const a = c.high_value_at_risk;
  const share = a && readRate(a.share, a.top_decile_customers, min);
  return (
    <>
      <div className="kpis kpis-4">
        {(['purchases_90', 'purchases_365', 'value_90', 'value_365'] as const).map((k) => (
          <Stat
            key={k}
            testId={`kpi-clv-${k.replace('_', '-')}`}
            label={fieldLabel(`clv.forecast.${k}`, lang)}
            value={f(`clv.forecast.${k}`, fc[k])}
            note={fc[k] === null ? t('clv_no_value') : n}
          />
        ))}
      </div>
      {a && (
        <Card title={t('wb_clv_at_risk')}>
          <div className="kpis kpis-3 flat">
            <Stat
              testId="kpi-clv-at-risk"
              label={fieldLabel('clv.high_value_at_risk.customers', lang)}
              value={f('clv.high_value_at_risk.customers', a.customers)}
              note={t('clv_at_risk_of', {
                n: f('clv.high_value_at_risk.top_decile_customers', a.top_decile_customers),
              })}
            />
            <Stat
              testId="kpi-clv-at-risk-share"
              label={fieldLabel('clv.high_value_at_risk.share', lang)}
              value={share && !share.judged ? TOO_FEW_TO_JUDGE[lang] : fmtPct(a.share)}
              note={share ? rateEvidence(share, lang) : undefined}
            />
            <Stat
              testId="kpi-clv-at-risk-value"
              label={fieldLabel('clv.high_value_at_risk.clv_365', lang)}
              value={f('clv.high_value_at_risk.clv_365', a.clv_365)}
            />
          </div>
        </Card>
      )}
    </>
  );
}

function DecileTable({
  rows,
  prefix,
  currency,
  testId,
}: {
  rows: Decile[];
  prefix: string;
  currency: string;
  testId: string;
}) {
  const { lang } = useI18n();
  return (
    <Table
      dense
      testId={testId}
      rows={rows}
      columns={fieldColumns<Decile, (typeof DECILE_KEYS)[number]>(
        prefix,
        DECILE_KEYS,
        lang,
        currency,
      )}
    />
  );
}

/** The fitted models: which, when, the parameters with their standard errors, the fit. */
function Models({ c, currency }: { c: ClvSection; currency: string }) {
  const { t, tx, lang } = useI18n();
  const L = (path: string) => fieldLabel(path, lang);
  const yes = (b: boolean) => (b ? t('yes') : t('no'));
  const params = (fit: Fit, path: string) => (
    <Table
      dense
      rows={Object.entries(fit.params)}
      columns={[
        { key: 'k', label: t('wb_clv_parameter'), render: ([k]) => GREEK[k] ?? k },
        {
          key: 'v',
          label: t('wb_clv_estimate'),
          align: 'right',
          render: ([, v]) => fmtField(`${path}.log_likelihood`, v, lang),
        },
        {
          key: 'se',
          label: L(`${path}.standard_errors`),
          align: 'right',
          render: ([k]) => fmtField(`${path}.log_likelihood`, fit.standard_errors[k] ?? null, lang),
        },
      ]}
    />
  );
  const fitRows = (path: string, fit: { log_likelihood: number; converged: boolean }) => (
    <dl className="kv">
      <div className="kv-row">
        <dt>{L(`${path}.log_likelihood`)}</dt>
        <dd>{fmtField(`${path}.log_likelihood`, fit.log_likelihood, lang)}</dd>
      </div>
      <div className="kv-row">
        <dt>{L(`${path}.converged`)}</dt>
        <dd>{yes(fit.converged)}</dd>
      </div>
    </dl>
  );
  return (
    <div className="grid-2">
      <Card title={`${t('wb_clv_purchase_model')}: ${MODEL_NAMES[c.model]}`}>
        <dl className="kv" data-testid="clv-model">
          {(
            [
              ['clv.customers', fmtField('clv.customers', c.customers, lang)],
              ['clv.repeat_buyers', fmtField('clv.repeat_buyers', c.repeat_buyers, lang)],
              ['clv.fitted_at', utc(c.fitted_at)],
              ['clv.fit_reused', yes(c.fit_reused)],
            ] as const
          ).map(([path, v]) => (
            <div className="kv-row" key={path}>
              <dt>{L(path)}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        {c.purchase && (
          <>
            <h3 className="sub-title">{L('clv.purchase.params')}</h3>
            {params(c.purchase, 'clv.purchase')}
            {fitRows('clv.purchase', c.purchase)}
          </>
        )}
      </Card>
      <Card title={t('wb_clv_spend_model')}>
        {c.spend ? (
          <>
            <dl className="kv">
              <div className="kv-row">
                <dt>{L('clv.spend.population_mean_spend')}</dt>
                <dd>
                  {fmtField(
                    'clv.spend.population_mean_spend',
                    c.spend.population_mean_spend,
                    lang,
                    currency,
                  )}
                </dd>
              </div>
            </dl>
            <h3 className="sub-title">{L('clv.spend.params')}</h3>
            {params(c.spend, 'clv.spend')}
            {fitRows('clv.spend', c.spend)}
          </>
        ) : (
          <p className="muted">{tx(c.spend_reason)}</p>
        )}
      </Card>
    </div>
  );
}
