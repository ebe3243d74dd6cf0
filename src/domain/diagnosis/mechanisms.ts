// The five mechanisms scorecard (seed 004): seeding, conversion, grip, new offers to existing
// customers and referral, each measured against its target; the weakest is named.
import type { Mechanism, MechanismScore, Text } from '../../report/index.js';

export type { Mechanism, MechanismScore };

export interface MechanismInputs {
  leads: number;
  leads_prev_year: number;
  lead_conversion_90d: number | null;
  retention_year2: number | null;
  new_offer_share: number | null;
  referral_share: number | null;
}

export interface MechanismTargets {
  seeding_growth: number;
  conversion_rate_90d: number;
  grip_retention: number;
  new_offer_share: number;
  referral_share: number;
}

const NAMES: Record<Mechanism, Text> = {
  seeding: { ja: '種まき(見込み客の獲得)', en: 'Seeding (new leads)' },
  conversion: { ja: '成約(見込み客→初回購入)', en: 'Conversion (lead → first purchase)' },
  grip: { ja: '定着(顧客維持)', en: 'Grip (retention)' },
  new_offers: {
    ja: '新提案(既存顧客への新カテゴリ)',
    en: 'New offers (new categories to existing customers)',
  },
  referral: { ja: '紹介', en: 'Referral' },
};

export const MECHANISM_ADVICE: Record<Mechanism, Text> = {
  seeding: {
    ja: '無料サンプル・資料請求・メルマガ登録など、見込み客を集める入口を増やしてください。',
    en: 'Open more entry points for prospects: samples, brochures, newsletter sign-ups.',
  },
  conversion: {
    ja: 'お試し商品・初回特典など、見込み客が最初に買いやすい入口商品を用意してください。',
    en: 'Offer an easy entry product (trial size, first-order benefit) to turn leads into buyers.',
  },
  grip: {
    ja: '初回購入後のフォロー(サンクスDM、使い方案内、2回目購入の提案)を仕組みにしてください。',
    en: 'Systematise the follow-up after the first purchase: thank-you mail, how-to guides, a second-purchase offer.',
  },
  new_offers: {
    ja: '既存顧客がまだ買っていないカテゴリを、購入履歴に合わせて提案してください。',
    en: 'Offer existing customers the categories they have not bought yet, matched to their history.',
  },
  referral: {
    ja: '優良顧客に紹介特典を案内し、紹介しやすい仕組みをつくってください。',
    en: 'Invite your best customers to refer friends, with a simple referral benefit.',
  },
};

/** Returns the five scores in a fixed order. */
export function scoreMechanisms(x: MechanismInputs, t: MechanismTargets): MechanismScore[] {
  const growth = x.leads_prev_year > 0 ? x.leads / x.leads_prev_year : null;
  const rows: [Mechanism, number | null, number][] = [
    ['seeding', growth, t.seeding_growth],
    ['conversion', x.lead_conversion_90d, t.conversion_rate_90d],
    ['grip', x.retention_year2, t.grip_retention],
    ['new_offers', x.new_offer_share, t.new_offer_share],
    ['referral', x.referral_share, t.referral_share],
  ];
  return rows.map(([mechanism, value, target]) => ({
    mechanism,
    name: NAMES[mechanism],
    value,
    target,
    score: value === null || target <= 0 ? null : value / target,
  }));
}

/** Returns the mechanism with the lowest score, or null when none could be measured. */
export function weakestMechanism(scores: MechanismScore[]): MechanismScore | null {
  return scores.filter((s) => s.score !== null).sort((a, b) => a.score! - b.score!)[0] ?? null;
}
