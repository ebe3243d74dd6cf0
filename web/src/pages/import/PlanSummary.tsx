// What the dry run found in the file: the export (platform preset) it was detected as, how it is
// read, the customer key and its columns, the guest share and the rows a preset skips; then
// whether the plan can be imported as it stands, and the choices of the commit (guest orders,
// leaving invalid rows out, saving the mapping under a name).
import { useI18n } from '../../i18n';
import type { ImportPlan } from '../../api/shapes';
import { encodingLabel, keyRuleLabel, pct } from './labels';

export interface CommitChoices {
  saveAs: string;
  reject: boolean;
}

export function PlanSummary({
  plan,
  checking,
  allowGuests,
  onAllowGuests,
  commit,
  onCommitChange,
  disabled,
}: {
  plan: ImportPlan;
  checking: boolean;
  allowGuests: boolean;
  onAllowGuests: (on: boolean) => void;
  commit: CommitChoices;
  onCommitChange: (c: CommitChoices) => void;
  disabled: boolean;
}) {
  const i18n = useI18n();
  const { t, tx } = i18n;
  const d = plan.detected;
  const blocking = plan.problems.filter((p) => p.blocking).length;
  const invalid = plan.counts.rows_rejected;
  const guestsProblem = plan.problems.some((p) => p.code === 'guests');
  const format =
    d.format === 'xlsx'
      ? `xlsx${d.sheet ? ` · ${d.sheet}` : ''}`
      : [
          d.gzip ? 'gzip' : '',
          d.format.toUpperCase(),
          encodingLabel(i18n, d.encoding) + (d.bom ? ` (${t('plan_bom')})` : ''),
        ]
          .filter(Boolean)
          .join(' · ');
  const g = plan.guest_orders;
  return (
    <>
      <dl className="kv two import-facts">
        <div className="kv-row">
          <dt>{t('plan_export')}</dt>
          <dd data-testid="import-preset">
            {plan.preset ? tx(plan.preset.label) : t('plan_export_generic')}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('plan_file')}</dt>
          <dd>
            {format} · {t('plan_rows', { n: plan.counts.rows_read.toLocaleString() })}
          </dd>
        </div>
        <div className="kv-row">
          <dt>{t('plan_mode')}</dt>
          <dd>{t(`mode_${d.mode}` as 'mode_rows')}</dd>
        </div>
        {plan.customer_key && (
          <div className="kv-row">
            <dt>{t('plan_customer_key')}</dt>
            <dd data-testid="import-customer-key">
              {keyRuleLabel(i18n, plan.customer_key.rule)}
              {plan.customer_key.headers.length > 0 && (
                <span className="muted"> — {plan.customer_key.headers.join(' + ')}</span>
              )}
            </dd>
          </div>
        )}
        {plan.customer_key && plan.entity !== 'contacts' && (
          <div className="kv-row">
            <dt>{t('plan_guests')}</dt>
            <dd data-testid="import-guests">
              {g
                ? t('plan_guests_value', {
                    guests: g.guests.toLocaleString(),
                    orders: g.orders.toLocaleString(),
                    pct: pct(g.guests, g.orders),
                  })
                : t('plan_guests_pending')}
            </dd>
          </div>
        )}
        <div className="kv-row">
          <dt>{t('plan_skipped')}</dt>
          <dd data-testid="import-skipped">
            {plan.rows_skipped
              ? `${plan.rows_skipped.toLocaleString()}${plan.skip_reason ? `（${tx(plan.skip_reason)}）` : ''}`
              : t('plan_skipped_none')}
          </dd>
        </div>
      </dl>
      <div
        className={`notice ${checking ? '' : blocking || (invalid && !commit.reject) ? 'warn' : 'success'}`}
        data-testid="import-ready"
        data-checking={checking}
        data-ready={!checking && !blocking && (!invalid || commit.reject)}
      >
        {checking
          ? t('plan_checking')
          : blocking
            ? t('plan_blocked', { n: blocking })
            : invalid
              ? t('plan_invalid', { n: invalid.toLocaleString() })
              : t('plan_ready')}
      </div>
      <div className="form-row import-commit-options">
        {(guestsProblem || allowGuests) && (
          <label className="inline">
            <input
              type="checkbox"
              checked={allowGuests}
              disabled={disabled}
              onChange={(e) => onAllowGuests(e.target.checked)}
              data-testid="import-allow-guests"
            />
            {t('plan_allow_guests')}
          </label>
        )}
        {invalid > 0 && (
          <label className="inline">
            <input
              type="checkbox"
              checked={commit.reject}
              disabled={disabled}
              onChange={(e) => onCommitChange({ ...commit, reject: e.target.checked })}
              data-testid="import-reject"
            />
            {t('plan_reject')}
          </label>
        )}
        <label>
          <span>{t('plan_save_as')}</span>
          <input
            type="text"
            maxLength={100}
            value={commit.saveAs}
            placeholder={t('plan_save_as_hint')}
            disabled={disabled}
            onChange={(e) => onCommitChange({ ...commit, saveAs: e.target.value })}
            data-testid="import-save-as"
          />
        </label>
      </div>
    </>
  );
}
