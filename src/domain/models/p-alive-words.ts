// Why a customer's P(alive) is what it is, in the owner's words: the days since the last
// purchase against the customer's own usual interval between purchase days. A one-time buyer
// gets P(alive) = 1 from BG/NBD (the model only sees a drop-out after a repeat purchase, so
// nothing yet says they left) — said plainly, as users of the model ask about it most.
import type { Text } from '../../report/index.js';

export interface PAliveFacts {
  /** P(alive) as of D (the stored checkup's), or null when none is stored. */
  p_alive: number | null;
  /** Days since the last purchase day. */
  r_days: number;
  /** Purchase days (same-day orders are one). */
  purchase_days: number;
  first_purchase: string;
  last_purchase: string;
}

const DAY_MS = 86_400_000;

/** Returns the customer's usual interval between purchase days, or null with fewer than two. */
export function usualInterval(f: PAliveFacts): number | null {
  if (f.purchase_days < 2) return null;
  const span = (Date.parse(f.last_purchase) - Date.parse(f.first_purchase)) / DAY_MS;
  return span / (f.purchase_days - 1);
}

/** Returns the explanation of a customer's P(alive) in Japanese and English. */
export function pAliveReason(f: PAliveFacts): Text {
  const p = f.p_alive === null ? null : `${Math.round(f.p_alive * 100)}%`;
  const head = p === null ? { ja: '', en: '' } : { ja: `P(alive) ${p}: `, en: `P(alive) ${p}: ` };
  const interval = usualInterval(f);
  if (interval === null)
    return {
      ja: `${head.ja}購入は1日だけです（最後の購入から${f.r_days}日）。モデルは2回目の購入のあとでしか離脱を判断できないため、1回だけの顧客の P(alive) は 1 になります。離脱していないという意味ではありません。`,
      en: `${head.en}one purchase day only (${f.r_days} days ago). The model can only see a customer leave after a repeat purchase, so a one-time buyer's P(alive) is 1; it does not mean they stayed.`,
    };
  const usual = Math.max(1, Math.round(interval));
  const times = f.r_days / usual;
  const verdict =
    times >= 2
      ? {
          ja: `いつもの間隔の${times.toFixed(1)}倍が過ぎ、離脱の可能性が高まっています。`,
          en: `${times.toFixed(1)} times the usual interval has passed: the customer may have left.`,
        }
      : {
          ja: 'いつもの間隔の範囲内です。',
          en: 'within the usual interval.',
        };
  return {
    ja: `${head.ja}最後の購入から${f.r_days}日、いつもの購入間隔は${usual}日（購入${f.purchase_days}日分）。${verdict.ja}`,
    en: `${head.en}no purchase for ${f.r_days} days against a usual interval of ${usual} (${f.purchase_days} purchase days); ${verdict.en}`,
  };
}
