// The knobs of the demo business and the named scenarios. A scenario is a typed table of knob
// overrides applied inside windows counted in months back from the end date, so a planted
// problem starts on a known date and the history before it is the healthy business (same seed →
// same customers up to the window). Add a scenario by adding a row to SCENARIOS.

/** Customer acquisition channels. */
export const CHANNELS = ['web_ad', 'search', 'sns', 'referral', 'catalog', 'affiliate'] as const;
/** An acquisition channel. */
export type Channel = (typeof CHANNELS)[number];

/** What each acquisition channel brings. */
export interface ChannelKnobs {
  /** Share of new customers. */
  share: number;
  /** Acquisition cost per new customer, yen (ad spend = Σ CPA over the month's new customers). */
  cpa: number;
  /** Share of first orders placed with a welcome coupon. */
  couponRate: number;
  /** × the per-purchase churn probability (catalogue and referral customers are stickier). */
  churnFactor: number;
  /** Share of new customers who were a lead (signed up) before buying. */
  leadRate: number;
}

/** Coupons: a fixed yen amount or a percentage of the subtotal. */
export const COUPONS = {
  WELCOME500: { kind: 'fixed', value: 500 },
  FIRST20: { kind: 'percent', value: 20 },
  FRIEND1000: { kind: 'fixed', value: 1000 },
  THANKS10: { kind: 'percent', value: 10 },
  COMEBACK1000: { kind: 'fixed', value: 1000 },
  HALF50: { kind: 'percent', value: 50 },
  AFF30: { kind: 'percent', value: 30 },
} as const satisfies Record<string, { kind: 'fixed' | 'percent'; value: number }>;
/** A coupon code. */
export type CouponCode = keyof typeof COUPONS;

/** A cohort acquired on top of the normal flow (a big discount campaign, an expensive channel). */
export interface ExtraCohort {
  /** Size relative to the normal new customers of the same days. */
  share: number;
  /** Channel mix of the cohort. */
  channels: Partial<Record<Channel, number>>;
  /** Coupon on every first order of the cohort. */
  coupon: CouponCode;
  /** Acquisition cost per customer of the cohort, yen. */
  cpa: number;
  /** Extra probability of dropping out right after the first order. */
  firstChurnExtra: number;
  /** × purchase rate of the cohort's customers. */
  rateMultiplier: number;
}

/** Knobs that a scenario may change inside its window. */
export interface PhaseKnobs {
  /** × normal new customers per day. */
  acquisitionMultiplier: number;
  /** × CPA of every channel (ad spend per new customer). */
  cpaMultiplier: number;
  /** An additional cohort acquired inside the window. */
  extraCohort: ExtraCohort | null;
  /** Probability that a scheduled repeat purchase of a customer acquired before the window happens; otherwise the customer drops out. */
  repeatKeep: number;
  /** repeatKeep applies only to customers with at most this many purchases (low-rank churn). */
  repeatKeepMaxPurchases: number;
  /** Same, for lapsed customers (last purchase before the year preceding the window): natural comebacks. */
  lapsedReturnKeep: number;
  /** × probability that a contact brings a lapsed customer (as above) back. */
  reactivationMultiplier: number;
  /** × purchase rate of every customer. */
  frequencyMultiplier: number;
  /** × purchase rate of customers with two or more purchases (a stall that makes them overdue). */
  establishedFrequencyMultiplier: number;
  /** × expected lines per order (spend per order). */
  spendMultiplier: number;
  /** × probability that a customer is included in a campaign. */
  contactMultiplier: number;
  /** × number of campaigns per month. */
  campaignMultiplier: number;
  /** Campaigns go only to top customers (the topRateShare highest purchase rates, active). */
  contactTopOnly: boolean;
  /** × the effect of a contact (response of live customers and reactivation alike): diminishing returns. */
  responseMultiplier: number;
}

/** Knobs that hold over the whole history. */
export interface BaseKnobs {
  channels: Record<Channel, ChannelKnobs>;
  /** Growth of new customers per year (0.08 = +8 %). */
  acquisitionGrowthPerYear: number;
  /** Relative new customers by calendar month (January first). */
  acquisitionSeason: readonly number[];
  /** Log-standard-deviation of the day-to-day noise of new customers. */
  acquisitionNoise: number;
  /** Relative purchase rate by calendar month (December gifts, summer お中元). */
  purchaseSeason: readonly number[];
  /** Purchase rate of a live customer: gamma shape and mean purchases per year. */
  purchaseRateShape: number;
  purchaseRateMean: number;
  /** Per-purchase dropout probability: beta mean and concentration (BG/NBD-like). */
  churnMean: number;
  churnConcentration: number;
  /** Discount-acquired customers: extra dropout after the first order and × purchase rate. */
  couponFirstChurnExtra: number;
  couponRateMultiplier: number;
  /** Mean lines per order, and the gamma shape of the customer-to-customer basket size. */
  linesMean: number;
  basketShape: number;
  /** Share of first orders that are a trial set alone. */
  entryShare: number;
  /** Share of a customer's lines from the favourite category. */
  favouriteShare: number;
  cancelRate: number;
  returnRate: number;
  /** Guest orders (no customer) per identified order. */
  guestRate: number;
  /** Coupon rate on ordinary repeat orders and on orders answering a campaign. */
  repeatCouponRate: number;
  responseCouponRate: number;
  /** Days from a campaign to the purchase it triggers (mean). */
  responseDelayDays: number;
  /** Share of customers, by latent purchase rate, who are "top" (distribution_concentrated). */
  topRateShare: number;
  /** Non-converting leads per new customer. */
  leadsPerNewCustomer: number;
  /** Share of customers with an e-mail address, and of those who accept the newsletter. */
  emailShare: number;
  emailOptIn: number;
  /** Share of customers linked on LINE at the start and at the end of the history. */
  lineShareStart: number;
  lineShareEnd: number;
}

/** The healthy business. */
export const BASE_KNOBS: BaseKnobs = {
  channels: {
    web_ad: { share: 0.28, cpa: 7000, couponRate: 0.5, churnFactor: 1.1, leadRate: 0.4 },
    search: { share: 0.22, cpa: 5000, couponRate: 0.25, churnFactor: 0.9, leadRate: 0.3 },
    sns: { share: 0.18, cpa: 6000, couponRate: 0.45, churnFactor: 1.2, leadRate: 0.6 },
    referral: { share: 0.05, cpa: 2000, couponRate: 0.8, churnFactor: 0.7, leadRate: 0.2 },
    catalog: { share: 0.12, cpa: 9000, couponRate: 0.3, churnFactor: 0.75, leadRate: 0.1 },
    affiliate: { share: 0.15, cpa: 8000, couponRate: 0.7, churnFactor: 1.25, leadRate: 0.5 },
  },
  acquisitionGrowthPerYear: 0.08,
  acquisitionSeason: [1.0, 0.85, 0.95, 1.0, 0.95, 0.95, 1.15, 1.0, 0.9, 0.95, 1.1, 1.3],
  acquisitionNoise: 0.2,
  purchaseSeason: [0.85, 0.8, 0.95, 0.95, 1.0, 1.05, 1.3, 1.05, 0.9, 0.95, 1.1, 1.7],
  purchaseRateShape: 2.5,
  purchaseRateMean: 3,
  churnMean: 0.11,
  churnConcentration: 8,
  // A welcome coupon costs a healthy business a little loyalty, not a lot (seed 002's weak
  // discount cohort is a scenario, not the norm).
  couponFirstChurnExtra: 0.04,
  couponRateMultiplier: 0.95,
  linesMean: 1.8,
  basketShape: 5,
  entryShare: 0.2,
  favouriteShare: 0.55,
  cancelRate: 0.025,
  returnRate: 0.0125,
  guestRate: 0.031,
  repeatCouponRate: 0.04,
  responseCouponRate: 0.35,
  responseDelayDays: 7,
  topRateShare: 0.12,
  leadsPerNewCustomer: 1.5,
  emailShare: 0.9,
  emailOptIn: 0.8,
  lineShareStart: 0.1,
  lineShareEnd: 0.45,
};

/** Knobs of the healthy business inside any window. */
export const NEUTRAL_PHASE: PhaseKnobs = {
  acquisitionMultiplier: 1,
  cpaMultiplier: 1,
  extraCohort: null,
  repeatKeep: 1,
  repeatKeepMaxPurchases: Number.POSITIVE_INFINITY,
  lapsedReturnKeep: 1,
  reactivationMultiplier: 1,
  frequencyMultiplier: 1,
  establishedFrequencyMultiplier: 1,
  spendMultiplier: 1,
  contactMultiplier: 1,
  campaignMultiplier: 1,
  contactTopOnly: false,
  responseMultiplier: 1,
};

/** A window of a scenario: months back from the end date (12 → 0 is the last 12 months). */
export interface ScenarioWindow {
  fromMonths: number;
  toMonths: number;
  knobs: Partial<PhaseKnobs>;
}

/** A named scenario: what it plants, and its windows. */
export interface ScenarioDef {
  description: string;
  windows: readonly ScenarioWindow[];
}

const last12 = (knobs: Partial<PhaseKnobs>): ScenarioWindow[] => [
  { fromMonths: 12, toMonths: 0, knobs },
];

/** The named scenarios. */
export const SCENARIOS = {
  healthy: {
    description:
      'steady acquisition with seasonality, year-2 retention about 60–65 %, no planted problem',
    windows: [],
  },
  acquisition_drop: {
    description:
      'last 12 months: new customers −40 % while ad spend stays about the same (CPA × 1.5)',
    windows: last12({ acquisitionMultiplier: 0.6, cpaMultiplier: 1.5 }),
  },
  retention_drop: {
    description:
      'last 12 months: customers acquired before the window repeat far less (each repeat purchase happens with probability 0.55, else the customer leaves)',
    windows: last12({ repeatKeep: 0.55 }),
  },
  reactivation_drop: {
    description:
      'last 12 months: lapsed customers (no purchase in the year before the window) stop coming back (campaign reactivation × 0.05, natural comebacks × 0.1)',
    windows: last12({ reactivationMultiplier: 0.05, lapsedReturnKeep: 0.1 }),
  },
  frequency_drop: {
    description:
      'last 12 months: every customer buys 40 % less often (purchases per active customer down)',
    windows: last12({ frequencyMultiplier: 0.6 }),
  },
  overdue_rise: {
    description:
      'last 5 months: repeat customers stall (purchase rate × 0.2), so many are overdue against their own interval',
    windows: [{ fromMonths: 5, toMonths: 0, knobs: { establishedFrequencyMultiplier: 0.2 } }],
  },
  discount_cohort_weak: {
    description:
      'months 22–14 before the end: a 50 %-off campaign doubles new customers, and that cohort hardly repeats (so its second-purchase rate within 365 days is measurable at the end)',
    windows: [
      {
        fromMonths: 22,
        toMonths: 14,
        knobs: {
          extraCohort: {
            share: 1.0,
            channels: { web_ad: 0.5, sns: 0.3, affiliate: 0.2 },
            coupon: 'HALF50',
            cpa: 3000,
            firstChurnExtra: 0.6,
            rateMultiplier: 0.5,
          },
        },
      },
    ],
  },
  discount_trap: {
    description:
      'last 6 months: a 50 %-off campaign adds new customers (as many as the normal flow) of whom half leave after the first order, so they reach a second purchase at half the rate; the early discount rule sees it long before the cohort matures',
    windows: [
      {
        fromMonths: 6,
        toMonths: 0,
        knobs: {
          extraCohort: {
            share: 1.0,
            channels: { web_ad: 0.5, sns: 0.3, affiliate: 0.2 },
            coupon: 'HALF50',
            cpa: 3000,
            firstChurnExtra: 0.5,
            rateMultiplier: 1,
          },
        },
      },
    ],
  },
  distribution_too_few: {
    description: 'last 12 months: campaigns almost stop (contact probability × 0.08)',
    windows: last12({ contactMultiplier: 0.08 }),
  },
  distribution_too_many: {
    description:
      'last 12 months: 3.5 × as many campaigns (contacts per active customer far above the norm) with diminishing returns (each contact a third as effective)',
    windows: last12({ campaignMultiplier: 3.5, responseMultiplier: 0.33 }),
  },
  distribution_concentrated: {
    description:
      'last 12 months: campaigns go only to top customers (the 12 % with the highest purchase rate, while active), three times as often',
    windows: last12({ contactTopOnly: true, campaignMultiplier: 3 }),
  },
  unrecovered_cost: {
    description:
      'months 24–12 before the end: an expensive affiliate push (CPA ¥20,000) brings customers who churn, so their cost is never recovered',
    windows: [
      {
        fromMonths: 24,
        toMonths: 12,
        knobs: {
          extraCohort: {
            share: 0.6,
            channels: { affiliate: 1 },
            coupon: 'AFF30',
            cpa: 20000,
            firstChurnExtra: 0.7,
            rateMultiplier: 0.4,
          },
        },
      },
    ],
  },
  active_decline: {
    description:
      'last 12 months: fewer new customers (−40 %) and low-rank customers (≤ 3 purchases) churn, while spend per order rises 60 % — active customers fall, revenue still grows',
    windows: last12({
      acquisitionMultiplier: 0.6,
      repeatKeep: 0.4,
      repeatKeepMaxPurchases: 3,
      spendMultiplier: 1.6,
    }),
  },
} as const satisfies Record<string, ScenarioDef>;

/** A scenario name. */
export type ScenarioName = keyof typeof SCENARIOS;

/** The scenario names, in table order. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** Returns true when `name` is a scenario of the table. */
export function isScenarioName(name: string): name is ScenarioName {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, name);
}
