// The promotion calendar: every month a DM catalogue, a come-back DM for lapsed customers, an
// e-mail newsletter and a LINE message. A campaign reaches a customer with a probability that
// depends on the customer's segment on the send day (recent buyers get more, long-lapsed fewer),
// so contacts follow the customer list the way a real send list does.
import type { Calendar } from './calendar.js';
import type { PhaseTable } from './phases.js';

/** Contact channels used by the demo. */
export type ContactChannel = 'dm' | 'email' | 'line';

/** Segments by days since the last purchase: ≤ 90, ≤ 365, ≤ 730, ≤ 1095, beyond. */
export const SEGMENT_LIMITS = [90, 365, 730, 1095] as const;
/** Segment index of customers no campaign reaches any more. */
export const SEGMENT_GONE = SEGMENT_LIMITS.length;

/** A kind of campaign sent every month. */
export interface CampaignType {
  key: string;
  channel: ContactChannel;
  /** Name prefix in the campaign list. */
  label: string;
  /** Campaigns per month (fractions are spread over the months). */
  perMonth: number;
  /** Where in the month the sends fall (0–1), so the kinds do not all go out on one day. */
  offset: number;
  /** Second of the day the send goes out. */
  sendSecond: number;
  /** Cost per contact, yen. */
  cost: number;
  /** Only customers with this contact point receive it. */
  needs: 'email' | 'line' | null;
  /** Probability of inclusion per segment (recent, active, lapsed, dormant), before scaling. */
  reach: readonly [number, number, number, number];
  /** Probability that a contact brings a churned customer back. */
  reactivation: number;
  /** Probability that a contact makes a live customer buy sooner. */
  response: number;
}

/** The monthly campaign kinds. */
// prettier-ignore
export const CAMPAIGN_TYPES: readonly CampaignType[] = [
  { key: 'dm', channel: 'dm', label: 'DMカタログ', perMonth: 1, offset: 0.25, sendSecond: 9 * 3600, cost: 110, needs: null, reach: [0.75, 0.45, 0, 0], reactivation: 0.03, response: 0.05 },
  { key: 'comeback', channel: 'dm', label: 'お久しぶりDM', perMonth: 0.5, offset: 0.6, sendSecond: 9 * 3600, cost: 130, needs: null, reach: [0, 0, 0.6, 0.35], reactivation: 0.06, response: 0 },
  { key: 'email', channel: 'email', label: 'メールマガジン', perMonth: 1, offset: 0.1, sendSecond: 20 * 3600, cost: 0, needs: 'email', reach: [0.8, 0.6, 0.3, 0], reactivation: 0.004, response: 0.01 },
  { key: 'line', channel: 'line', label: 'LINE配信', perMonth: 1, offset: 0.45, sendSecond: 12 * 3600, cost: 3, needs: 'line', reach: [0.8, 0.6, 0.3, 0], reactivation: 0.006, response: 0.015 },
];

/** The campaigns of a run, sorted by send day (struct of arrays: the hot loop reads them). */
export interface CampaignPlan {
  count: number;
  day: Int32Array;
  type: Uint8Array;
  id: string[];
  name: string[];
  sentAt: string[];
}

/** Returns the campaigns of the history; the number per month follows the phase's campaignMultiplier. */
export function planCampaigns(cal: Calendar, phases: PhaseTable): CampaignPlan {
  const rows: { day: number; type: number; id: string; name: string }[] = [];
  CAMPAIGN_TYPES.forEach((t, ti) => {
    let carry = 0.5; // spreads fractional counts: 0.5 per month → every other month
    for (let m = 0; m < cal.months; m++) {
      const first = cal.monthStart(m);
      const len = cal.monthLength(m);
      carry += t.perMonth * phases.at(first).campaignMultiplier;
      const n = Math.floor(carry);
      carry -= n;
      const key = cal.monthKey(m);
      for (let j = 0; j < n; j++) {
        const day = first + Math.min(len - 1, Math.floor(((j + t.offset) * len) / n));
        const [y, mo] = [key.slice(0, 4), Number(key.slice(5, 7))];
        rows.push({
          day,
          type: ti,
          id: `CP${key.replace('-', '')}-${t.key}-${j + 1}`,
          name: `${y}年${mo}月 ${t.label}${n > 1 ? ` 第${j + 1}弾` : ''}${seasonTitle(t, mo)}`,
        });
      }
    }
  });
  rows.sort((a, b) => a.day - b.day || a.type - b.type || (a.id < b.id ? -1 : 1));
  return {
    count: rows.length,
    day: Int32Array.from(rows.map((r) => r.day)),
    type: Uint8Array.from(rows.map((r) => r.type)),
    id: rows.map((r) => r.id),
    name: rows.map((r) => r.name),
    sentAt: rows.map((r) => cal.timestamp(r.day, CAMPAIGN_TYPES[r.type].sendSecond)),
  };
}

/** Returns the index of the first campaign sent strictly after `day`. */
export function firstCampaignAfter(plan: CampaignPlan, day: number): number {
  let lo = 0;
  let hi = plan.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (plan.day[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Returns the segment index (0 recent … 3 dormant, 4 gone) of a recency in days. */
export function segmentOf(recencyDays: number): number {
  if (recencyDays <= SEGMENT_LIMITS[0]) return 0;
  if (recencyDays <= SEGMENT_LIMITS[1]) return 1;
  if (recencyDays <= SEGMENT_LIMITS[2]) return 2;
  if (recencyDays <= SEGMENT_LIMITS[3]) return 3;
  return SEGMENT_GONE;
}

// Gift seasons give the DM catalogue its title, as a real shop would.
function seasonTitle(t: CampaignType, month: number): string {
  if (t.key !== 'dm') return '';
  if (month === 11 || month === 12) return ' 冬ギフト・お歳暮';
  if (month === 6 || month === 7) return ' 夏ギフト・お中元';
  return '';
}

/** Header of campaigns.csv. */
export const CAMPAIGN_HEADER = ['campaign_id', 'name', 'channel', 'started_at', 'cost'];

/** Returns the campaigns.csv rows; a campaign's cost is its contacts × the cost per contact. */
export function campaignRows(plan: CampaignPlan, contactsPerCampaign: Int32Array): string[] {
  const rows: string[] = [];
  for (let i = 0; i < plan.count; i++) {
    const t = CAMPAIGN_TYPES[plan.type[i]];
    rows.push(
      `${plan.id[i]},${plan.name[i]},${t.channel},${plan.sentAt[i]},${contactsPerCampaign[i] * t.cost}\n`,
    );
  }
  return rows;
}

/** Returns the tail of each campaign's contact rows (",sent_at,channel,campaign_id,cost\n"). */
export function contactSuffixes(plan: CampaignPlan): string[] {
  const out: string[] = [];
  for (let i = 0; i < plan.count; i++) {
    const t = CAMPAIGN_TYPES[plan.type[i]];
    out.push(`,${plan.sentAt[i]},${t.channel},${plan.id[i]},${t.cost}\n`);
  }
  return out;
}
