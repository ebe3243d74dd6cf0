// Every problem of an import's dry run, in the user's words, each with its fix at hand: the
// column to use when two claim one field, the field a suspicious column looks like, guest
// orders to allow; the status words and missing columns point to their sections. Below, the
// `kenshin import` line that applies every fix, to copy.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { ImportPlan, ImportProblem } from '../../api/shapes';
import { fieldLabel, pct } from './labels';

export function Problems({
  plan,
  onMap,
  onAllowGuests,
  disabled,
}: {
  plan: ImportPlan;
  /** Applies column choices (header → field or '-'). */
  onMap: (entries: Record<string, string>) => void;
  onAllowGuests: () => void;
  disabled: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <ul className="import-problems" data-testid="import-problems">
        {plan.problems.map((p, k) => (
          <li
            key={k}
            className={p.blocking ? 'blocking' : 'warning'}
            data-problem={p.code}
            data-blocking={p.blocking}
          >
            <span className={`badge ${p.blocking ? 'sev-critical' : 'sev-warning'}`}>
              {t(p.blocking ? 'problem_blocking' : 'problem_warning')}
            </span>
            <div>
              <ProblemText plan={plan} p={p} />
              <ProblemFix
                plan={plan}
                p={p}
                onMap={onMap}
                onAllowGuests={onAllowGuests}
                disabled={disabled}
              />
              <details className="small muted">
                <summary>{t('problem_original')}</summary>
                <pre className="import-message">{p.message}</pre>
              </details>
            </div>
          </li>
        ))}
      </ul>
      {plan.command && <Command command={plan.command} />}
    </>
  );
}

function ProblemText({ plan, p }: { plan: ImportPlan; p: ImportProblem }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const field = (f: string) => fieldLabel(i18n, plan.entity, f);
  const sep = lang === 'ja' ? '、' : ', ';
  if (p.code === 'ambiguous_column' && p.columns && p.field)
    return (
      <p>{t('problem_ambiguous', { a: p.columns[0], b: p.columns[1], field: field(p.field) })}</p>
    );
  if (p.code === 'missing_column' && p.fields)
    return <p>{t('problem_missing', { fields: p.fields.map(field).join(sep) })}</p>;
  if (p.code === 'unknown_status' && p.words) {
    const [open, close, times] = lang === 'ja' ? ['「', '」', '× '] : ['"', '"', ' × '];
    const words = p.words.map(
      (w) => `${open}${w.word}${close}${w.count === null ? '' : `${times}${w.count}`}`,
    );
    return <p>{t('problem_unknown_status', { words: words.join(sep) })}</p>;
  }
  if (p.code === 'suspicious_column' && p.columns && p.field)
    return <p>{t('problem_suspicious', { column: p.columns[0], field: field(p.field) })}</p>;
  if (p.code === 'guests' && p.guests)
    return (
      <p>
        {t('problem_guests', {
          guests: p.guests.guests.toLocaleString(),
          orders: p.guests.orders.toLocaleString(),
          pct: pct(p.guests.guests, p.guests.orders),
        })}
      </p>
    );
  return <p>{t('problem_other')}</p>;
}

function ProblemFix({
  plan,
  p,
  onMap,
  onAllowGuests,
  disabled,
}: {
  plan: ImportPlan;
  p: ImportProblem;
  onMap: (entries: Record<string, string>) => void;
  onAllowGuests: () => void;
  disabled: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  if (p.code === 'ambiguous_column' && p.columns && p.field) {
    const [a, b] = p.columns;
    const f = p.field;
    return (
      <label className="inline problem-fix">
        {t('problem_choose')}
        <select
          value=""
          disabled={disabled}
          data-testid="problem-choose"
          data-field={f}
          onChange={(e) => {
            const keep = e.target.value;
            if (keep) onMap({ [keep]: f, [keep === a ? b : a]: '-' });
          }}
        >
          <option value="">—</option>
          <option value={a}>{a}</option>
          <option value={b}>{b}</option>
        </select>
      </label>
    );
  }
  if (p.code === 'missing_column' && p.fields) {
    // The columns not read yet, for each required field without one.
    const free = plan.mapping.filter((c) => !c.field && c.header.trim() !== '');
    return (
      <>
        {p.fields.map((f) => (
          <label key={f} className="inline problem-fix">
            {t('problem_pick_column', { field: fieldLabel(i18n, plan.entity, f) })}
            <select
              value=""
              disabled={disabled}
              data-testid="problem-pick-column"
              data-field={f}
              onChange={(e) => e.target.value && onMap({ [e.target.value]: f })}
            >
              <option value="">—</option>
              {free.map((c) => (
                <option key={c.header} value={c.header}>
                  {c.header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </>
    );
  }
  if (p.code === 'suspicious_column' && p.columns && p.field && p.fix) {
    const f = p.field;
    return (
      <button
        className="btn small problem-fix"
        disabled={disabled}
        onClick={() => onMap({ [p.columns![0]]: f })}
      >
        {t('problem_suspicious_apply', { field: fieldLabel(i18n, plan.entity, f) })}
      </button>
    );
  }
  if (p.code === 'guests')
    return (
      <button
        className="btn small problem-fix"
        disabled={disabled}
        onClick={onAllowGuests}
        data-testid="problem-allow-guests"
      >
        {t('plan_allow_guests')}
      </button>
    );
  return null;
}

function Command({ command }: { command: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <div className="import-command">
      <div className="small muted">{t('command_title')}</div>
      <code data-testid="import-command">{command}</code>
      <button
        className="btn small ghost"
        onClick={() => {
          void navigator.clipboard?.writeText(command).then(() => setCopied(true));
        }}
      >
        {copied ? t('copied') : t('copy')}
      </button>
    </div>
  );
}
