// Rating the monthly five numbers and naming the state they put the business in (seed 000).
import {
  FIVE_KEYS,
  type FiveKey,
  type FiveNumbersAssessment,
  type FiveNumbersCounts,
  type FiveState,
  type Rating,
  type Text,
  type Thresholds,
} from '../../report/index.js';

export { FIVE_KEYS };
export type { FiveKey, FiveNumbersAssessment, FiveState, Rating, Thresholds };

/** The five numbers of a month (report.five_numbers). */
export type FiveNumbers = Pick<FiveNumbersCounts, FiveKey>;

const STATE_TEXT: Record<FiveState, Text> = {
  perfect: {
    ja: 'いちばんパーフェクトな状態: 数も多く単価も高い。',
    en: 'Perfect: many customers and high spend on every count.',
  },
  most_efficient: {
    ja: 'いちばん効率がいい状態: 顧客数は少ないが単価が高く、時間に余裕がある。',
    en: 'Most efficient: few customers this month but high spend, which leaves time to spare.',
  },
  worst: {
    ja: 'いちばん最悪な状態: 数も少なく、リピートも新規もほぼなく、単価も低い。このままでは事業が続きません。',
    en: 'Worst: few customers, hardly any repeat or new buyers, and low spend. The business cannot last like this.',
  },
  mixed: {
    ja: '一部の数が基準を下回っています。低い項目から一つずつ手を打ちましょう。',
    en: 'Some numbers are below their thresholds: work on the low ones, one at a time.',
  },
};

const PRESCRIPTION: Record<FiveKey, Text> = {
  total_customers: {
    ja: '集客のしくみをつくる: 顧客動線を設計し、メルマガをきちんと配信し、顧客リストをゾーン分けして管理する。',
    en: 'Build acquisition: design the customer path, send the newsletter regularly, and keep the customer list segmented.',
  },
  existing_customers: {
    ja: 'リピートされていない: サービス内容とフォローの仕方を見直し、お客様の成長に合わせた商品をつくる。',
    en: 'Customers do not repeat: review the service and the follow-up, and offer products that grow with the customer.',
  },
  new_customers: {
    ja: '新規集客をきちんと行い、顧客動線をつくり、CVRを改善する。',
    en: 'Work on acquisition: build the customer path and improve the conversion rate.',
  },
  existing_avg_spend: {
    ja: '既存顧客単価が低い: 価格設定と商品内容を見直し、クロージングとライティングを改善する。',
    en: 'Low spend of existing customers: review pricing and the offer, improve closing and writing.',
  },
  new_avg_spend: {
    ja: '新規顧客単価が低い: 価格設定と商品内容を見直し、クロージングとライティングを改善する。',
    en: 'Low spend of new customers: review pricing and the offer, improve closing and writing.',
  },
};

/** Seed 000's thresholds for a solo business (SPEC §4): "many" and "high" are strictly above. */
export const SOLO_THRESHOLDS: Thresholds = {
  total_customers: 250,
  existing_customers: 10,
  new_customers: 5,
  existing_avg_spend: 500_000,
  new_avg_spend: 300_000,
};

/** Returns the median of the finite values, 0 when there are none. */
export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return 0;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Returns the thresholds of a business's own history: the median of each number over past months. */
export function thresholdsFromHistory(months: FiveNumbers[]): Thresholds {
  const out = {} as Thresholds;
  for (const k of FIVE_KEYS) out[k] = median(months.map((m) => m[k] ?? NaN));
  return out;
}

/** Returns the ratings, the state and the prescriptions of each low rating. */
export function assessFiveNumbers(n: FiveNumbers, thresholds: Thresholds): FiveNumbersAssessment {
  const ratings = {} as Record<FiveKey, Rating>;
  for (const k of FIVE_KEYS) ratings[k] = (n[k] ?? 0) > thresholds[k] ? 'high' : 'low';
  const highs = FIVE_KEYS.filter((k) => ratings[k] === 'high');
  let state: FiveState = 'mixed';
  if (highs.length === 5) state = 'perfect';
  else if (highs.length === 0) state = 'worst';
  else if (
    ratings.total_customers === 'high' &&
    ratings.existing_customers === 'low' &&
    ratings.new_customers === 'low' &&
    ratings.existing_avg_spend === 'high' &&
    ratings.new_avg_spend === 'high'
  )
    state = 'most_efficient';
  // In the most efficient state the low counts are the point, not a problem to prescribe for.
  const prescribe = FIVE_KEYS.filter(
    (k) =>
      ratings[k] === 'low' &&
      !(state === 'most_efficient' && (k === 'existing_customers' || k === 'new_customers')),
  );
  return {
    thresholds,
    ratings,
    state,
    state_text: STATE_TEXT[state],
    prescriptions: prescribe.map((key) => ({ key, text: PRESCRIPTION[key] })),
  };
}
