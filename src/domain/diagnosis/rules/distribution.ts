// Distribution diagnosis 配布診断 (SPEC §6 C): are promotions reaching customers often enough,
// too often, or only a few of them? Verdicts: too few, too many, concentrated.
import type { RuleContext } from '../input.js';
import type { Finding } from '../types.js';
import { fullCount } from '../tests.js';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Returns distribution.too_few, distribution.too_many and distribution.concentrated findings. */
export function distributionDiagnosis({ input, settings }: RuleContext): Finding[] {
  const d = input.distribution;
  // Without any contact data there is nothing to judge: silence, not "too few".
  if (
    !d ||
    d.active_customers < settings.diagnosis.min_base ||
    input.data_range?.contacts_total === 0
  )
    return [];
  const s = settings.distribution;
  const out: Finding[] = [];
  const perActive = d.contacts_per_active ?? 0;
  const evidence = {
    contacts_per_active: d.contacts_per_active,
    contacts_per_active_prev_year: d.contacts_per_active_prev_year,
    coverage_active_recent: d.coverage.active.coverage_recent,
    coverage_at_risk_recent: d.coverage.at_risk.coverage_recent,
    gini: d.gini,
    top10_share: d.top10_share,
    over_contacted_active: d.over_contacted_active,
  };
  if (perActive < s.too_few_per_active) {
    out.push({
      id: 'distribution.too_few',
      severity: 'warning',
      title: {
        ja: `一人当りDM配布回数が年 ${perActive.toFixed(1)} 回と少なすぎます(目安 ${s.too_few_per_active} 回以上)`,
        en: `Only ${perActive.toFixed(1)} contacts per active customer a year (at least ${s.too_few_per_active} expected)`,
      },
      evidence,
      test: fullCount({
        ja: `一人当り配布回数 < ${s.too_few_per_active} 回/年`,
        en: `contacts per active customer < ${s.too_few_per_active} a year`,
      }),
      cause: {
        ja: `顧客への働きかけが不足しています。直近${d.coverage.recent_days}日に接触できた稼働顧客は ${pct(d.coverage.active.coverage_recent)}、離脱しかけの顧客は ${pct(d.coverage.at_risk.coverage_recent)} です。`,
        en: `Customers hear too little from you: in the last ${d.coverage.recent_days} days ${pct(d.coverage.active.coverage_recent)} of active and ${pct(d.coverage.at_risk.coverage_recent)} of at-risk customers were contacted.`,
      },
      action: {
        ja: '購入後のフォローと定期的なDM・メールの配布計画をつくり、離脱しかけの顧客から配布を再開してください。',
        en: 'Plan regular mailings and post-purchase follow-ups, starting again with the customers at risk.',
      },
    });
  }
  if (perActive > s.too_many_per_active) {
    out.push({
      id: 'distribution.too_many',
      severity: 'warning',
      title: {
        ja: `一人当りDM配布回数が年 ${perActive.toFixed(1)} 回と多すぎます(目安 ${s.too_many_per_active} 回以下)`,
        en: `${perActive.toFixed(1)} contacts per active customer a year: too many (at most ${s.too_many_per_active} expected)`,
      },
      evidence,
      test: fullCount({
        ja: `一人当り配布回数 > ${s.too_many_per_active} 回/年`,
        en: `contacts per active customer > ${s.too_many_per_active} a year`,
      }),
      cause: {
        ja: `配布が多すぎ、費用がかさみ反応が薄れています。年${s.over_contacted_per_year}回を超えて接触した稼働顧客は ${d.over_contacted_active} 人です。`,
        en: `Too many mailings cost money and dull the response: ${d.over_contacted_active} active customers got more than ${s.over_contacted_per_year} contacts in the year.`,
      },
      action: {
        ja: 'チャネル・キャンペーン別の反応率と増分反応あたりコストを確認し、反応のない配布を減らしてください。',
        en: 'Check response and cost per incremental response by channel and campaign, and cut the mailings that do not pay.',
      },
    });
  }
  if (d.top10_share !== null && d.top10_share > s.concentrated_top10_share) {
    out.push({
      id: 'distribution.concentrated',
      severity: 'warning',
      title: {
        ja: `配布が一部の顧客に集中しています(上位10%が ${pct(d.top10_share)} を受け取っています)`,
        en: `Contacts are concentrated: the top 10 % of customers receive ${pct(d.top10_share)}`,
      },
      evidence,
      test: fullCount({
        ja: `上位10%の受け取り割合 > ${pct(s.concentrated_top10_share)}`,
        en: `share received by the top 10 % > ${pct(s.concentrated_top10_share)}`,
      }),
      cause: {
        ja: `上位顧客ばかりに配布し、その他の顧客、特に離脱しかけの顧客(直近接触率 ${pct(d.coverage.at_risk.coverage_recent)})に届いていません。離脱は低ランク顧客から始まります。`,
        en: `Mailings go to the top customers while the rest, and the at-risk ones (${pct(d.coverage.at_risk.coverage_recent)} recently contacted), hear nothing; churn starts with the low-rank customers.`,
      },
      action: {
        ja: '配布対象をRFMランク別に見直し、中位・低位ランクと離脱しかけの顧客にも配布してください。',
        en: 'Rebalance the mailing list across RFM ranks, including middle and low ranks and customers at risk.',
      },
    });
  }
  return out;
}
