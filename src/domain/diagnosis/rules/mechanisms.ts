// The five mechanisms' weakest link as a finding: info naming it, a warning when it reaches
// less than half of its target.
import { MECHANISM_ADVICE, weakestMechanism } from '../mechanisms.js';
import type { RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { fullCount } from '../tests.js';

/** Returns the mechanisms.weakest_link finding, or none when nothing can be scored. */
export function mechanismsDiagnosis({ input, settings }: RuleContext): Finding[] {
  const m = input.mechanisms;
  if (!m) return [];
  const weakest = weakestMechanism(m.scores);
  if (!weakest) return [];
  const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);
  void settings;
  return [
    {
      id: 'mechanisms.weakest_link',
      severity: weakest.score! < 0.5 ? 'warning' : 'info',
      title: {
        ja: `5つの仕組みで最も弱いのは「${weakest.name.ja}」(目標比 ${pct(weakest.score)})`,
        en: `Weakest of the five mechanisms: ${weakest.name.en} (${pct(weakest.score)} of target)`,
      },
      // The subject makes "weakest: referral" and "weakest: retention" two problems in the
      // findings history (history.ts).
      evidence: {
        subject: weakest.mechanism,
        ...Object.fromEntries(m.scores.map((s) => [`${s.mechanism}_score`, s.score])),
      },
      test: fullCount({
        ja: '目標比が最も低い仕組み(目標比 50% 未満で警告)',
        en: 'the mechanism with the lowest score against its target (a warning below 50 %)',
      }),
      cause: {
        ja: `「${weakest.name.ja}」が目標 ${weakest.target} に対して ${weakest.value === null ? '—' : weakest.value.toFixed(3)} です。`,
        en: `${weakest.name.en} is ${weakest.value === null ? '—' : weakest.value.toFixed(3)} against a target of ${weakest.target}.`,
      },
      action: MECHANISM_ADVICE[weakest.mechanism],
    },
  ];
}
