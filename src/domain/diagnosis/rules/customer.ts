// Customer diagnosis 顧客診断 (SPEC §6 A): active customers change only through new, retained
// and reactivated customers (seed 003). Each flow is compared with last year's; a significant
// fall is a finding, critical when it is the largest cause of a fall in active customers.
import { countChangeZ, proportionChangeZ, relativeChange } from '../stats.js';
import { HISTORY_FOR, hasHistory, type RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { zTest } from '../tests.js';
import { LADDER_STAGES } from '../../ladder.js';
import { channelName } from '../../labels/index.js';

// The words of the churn breakdown's dimensions, for the finding's text.
const DIMENSION: Record<string, { ja: string; en: string }> = {
  by_ladder_level: { ja: '顧客ラダー', en: 'ladder level' },
  by_recency_band: { ja: '最終購入からの日数', en: 'days since last purchase' },
  by_channel: { ja: '獲得チャネル', en: 'acquisition channel' },
  by_entry_product: { ja: '初回購入商品', en: 'entry product' },
};

/** Returns a breakdown value in words (ladder levels and channels named, days with their unit). */
function segmentValue(dim: string, v: string, lang: 'ja' | 'en'): string {
  if (v === 'unknown') return lang === 'ja' ? '不明' : 'unknown';
  if (dim === 'by_recency_band') return lang === 'ja' ? `${v}日` : `${v} days`;
  if (dim === 'by_channel') return channelName(v, lang);
  if (dim === 'by_ladder_level') {
    const [level, stage] = v.split(' ');
    const s = LADDER_STAGES.find((x) => x.stage === stage);
    return s ? `${level} ${lang === 'ja' ? s.name_ja : s.name_en}` : v;
  }
  return v;
}

/** Returns the largest-churn segment of the breakdown as 'dimension: value (rate)' in both languages, if known. */
function worstChurnSegment(ctx: RuleContext): { ja: string; en: string } | null {
  const b = ctx.input.churn_breakdown;
  if (!b) return null;
  let best: { dim: string; value: string; rate: number } | null = null;
  for (const [dim, list] of Object.entries(b)) {
    for (const r of list) {
      if (r.base < ctx.settings.diagnosis.min_base || r.churn_rate === null) continue;
      if (!best || r.churn_rate > best.rate) best = { dim, value: r.value, rate: r.churn_rate };
    }
  }
  if (!best) return null;
  const { dim, value, rate } = best;
  const text = (lang: 'ja' | 'en') =>
    `${DIMENSION[dim]?.[lang] ?? dim}: ${segmentValue(dim, value, lang)} (${(rate * 100).toFixed(1)}%)`;
  return { ja: text('ja'), en: text('en') };
}

/** Returns findings for acquisition, retention and reactivation drops. */
export function customerDiagnosis(ctx: RuleContext): Finding[] {
  const { input, settings } = ctx;
  // Last year's flows need a year before them to tell new from returning customers.
  if (!hasHistory(input, HISTORY_FOR.prior_flows)) return [];
  const d = settings.diagnosis;
  const m = input.metrics;
  const p = input.metrics_prev_year;
  const pct = (x: number) => `${(Math.abs(x) * 100).toFixed(1)}%`;
  // Effect of each flow on this year's change in A relative to last year's change.
  const effects = {
    acquisition: m.flows.new - p.flows.new,
    retention: -(m.flows.churned - p.flows.churned),
    reactivation: m.flows.reactivated - p.flows.reactivated,
  };
  const activeFalling = m.active_customers < p.active_customers;
  const worst = Object.entries(effects).sort((a, b) => a[1] - b[1])[0][0];
  const severity = (cause: string) =>
    (activeFalling && worst === cause ? 'critical' : 'warning') as Finding['severity'];
  const out: Finding[] = [];

  const newChange = relativeChange(m.flows.new, p.flows.new);
  const newZ = countChangeZ(m.flows.new, p.flows.new);
  if (
    p.flows.new >= d.min_base &&
    newChange !== null &&
    newChange <= -d.flow_drop &&
    newZ <= -d.min_z
  ) {
    out.push({
      id: 'customer.acquisition_drop',
      severity: severity('acquisition'),
      title: {
        ja: `新規顧客が前年比 ${pct(newChange)} 減少`,
        en: `New customers down ${pct(newChange)} on last year`,
      },
      evidence: {
        new: m.flows.new,
        new_prev_year: p.flows.new,
        change: newChange,
        effect_on_active: effects.acquisition,
        z: newZ,
      },
      test: zTest('poisson', newZ, d.min_z),
      cause: {
        ja: '新規獲得が減り、稼働顧客数の補充が足りていません。',
        en: 'Fewer customers are acquired, so active customers are not replenished.',
      },
      action: {
        ja: 'チャネル別の獲得数とCPAを資産性監査で確認し、顧客動線(見込み客→初回購入)の詰まりを解消してください。',
        en: 'Check acquisitions and CPA by channel in the asset audit, and clear the bottleneck from prospect to first purchase.',
      },
    });
  }

  const rNow = m.retention_rate;
  const rPrev = p.retention_rate;
  const retentionZ = proportionChangeZ(
    m.retention_retained,
    m.retention_base,
    p.retention_retained,
    p.retention_base,
  );
  if (
    rNow !== null &&
    rPrev !== null &&
    m.retention_base >= d.min_base &&
    p.retention_base >= d.min_base &&
    rPrev - rNow >= d.retention_drop_points &&
    retentionZ <= -d.min_z
  ) {
    const segment = worstChurnSegment(ctx);
    out.push({
      id: 'customer.retention_drop',
      severity: severity('retention'),
      title: {
        ja: `顧客維持率が ${(rPrev * 100).toFixed(1)}% → ${(rNow * 100).toFixed(1)}% に低下`,
        en: `Retention fell from ${(rPrev * 100).toFixed(1)}% to ${(rNow * 100).toFixed(1)}%`,
      },
      evidence: {
        retention_rate: rNow,
        retention_rate_prev_year: rPrev,
        churned: m.flows.churned,
        churned_prev_year: p.flows.churned,
        effect_on_active: effects.retention,
        highest_churn_segment: segment?.en ?? null,
        retention_base: m.retention_base,
        retention_base_prev_year: p.retention_base,
        z: retentionZ,
      },
      test: zTest('two_proportion', retentionZ, d.min_z),
      cause: {
        ja: `昨年の購入客が今年買っていません${segment ? `(離脱率が最も高いのは ${segment.ja})` : ''}。`,
        en: `Last year's buyers did not buy again this year${segment ? ` (highest churn: ${segment.en})` : ''}.`,
      },
      action: {
        ja: '購買診断で購入間隔を過ぎた顧客を確認し、離脱しかけの顧客へフォローDMを送ってください。2年目65%・3年目86%が目安です。',
        en: 'Find overdue customers in the purchase diagnosis and send them a follow-up; aim for 65 % in the 2nd year and 86 % in the 3rd.',
      },
    });
  }

  const reChange = relativeChange(m.flows.reactivated, p.flows.reactivated);
  const reZ = countChangeZ(m.flows.reactivated, p.flows.reactivated);
  if (
    p.flows.reactivated >= d.min_base &&
    reChange !== null &&
    reChange <= -d.flow_drop &&
    reZ <= -d.min_z
  ) {
    out.push({
      id: 'customer.reactivation_drop',
      severity: severity('reactivation'),
      title: {
        ja: `復活顧客が前年比 ${pct(reChange)} 減少`,
        en: `Reactivated customers down ${pct(reChange)} on last year`,
      },
      evidence: {
        reactivated: m.flows.reactivated,
        reactivated_prev_year: p.flows.reactivated,
        change: reChange,
        effect_on_active: effects.reactivation,
        z: reZ,
      },
      test: zTest('poisson', reZ, d.min_z),
      cause: {
        ja: '離脱した顧客が戻ってこなくなっています。休眠顧客への働きかけが弱まっている可能性があります。',
        en: 'Lapsed customers no longer come back; outreach to dormant customers may have weakened.',
      },
      action: {
        ja: '休眠・離脱セグメントへの掘り起こしDMを配布診断で確認し、再開してください。',
        en: 'Check win-back mailings to the hibernating and lost segments in the distribution diagnosis and resume them.',
      },
    });
  }
  return out;
}
