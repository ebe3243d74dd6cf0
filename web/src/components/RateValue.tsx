// A rate as the dashboard shows it: the percentage with its n and 95 % interval under it, or
// "too few to judge" when fewer customers than the report's minimum stand behind it — never a
// bare 100 % or 0 % from three customers. The reading itself is the report's (format.ts).
import { readRate, rateEvidence, TOO_FEW_TO_JUDGE } from '@report/format.js';
import { useI18n } from '../i18n';
import { fmtPct } from '../format';

export interface RateValueProps {
  rate: number | null;
  /** The customers the rate is out of. */
  n: number;
  /** The report's min_rate_base. */
  min: number;
  digits?: number;
  /** In running text: the evidence follows on the same line. */
  inline?: boolean;
}

/** Returns a rate with its evidence (n, interval), or "too few to judge". */
export function RateValue({ rate, n, min, digits = 1, inline = false }: RateValueProps) {
  const cls = inline ? 'rate inline' : 'rate';
  const { lang } = useI18n();
  if (rate === null) return <>—</>;
  const r = readRate(rate, n, min);
  const evidence = rateEvidence(r, lang);
  if (!r.judged)
    return (
      <span className={`${cls} too-few`} title={evidence} data-testid="too-few">
        {TOO_FEW_TO_JUDGE[lang]}
        <span className="rate-ev">n={n.toLocaleString('ja-JP')}</span>
      </span>
    );
  const i = r.interval;
  return (
    <span className={cls} title={evidence}>
      {fmtPct(rate, digits)}
      <span className="rate-ev">
        n={n.toLocaleString('ja-JP')}
        {i ? ` · ${fmtPct(i[0], 0)}–${fmtPct(i[1], 0)}` : ''}
      </span>
    </span>
  );
}

/** Returns the share to draw for a rate: null (no bar) when it is too few to judge. */
export function drawnShare(rate: number | null, n: number, min: number): number | null {
  return readRate(rate, n, min).judged ? rate : null;
}
