// How the checkup computes each section of the report registry (src/report/registry.ts): the
// metric queries of the store for D, the pure steps over sections already computed (the five
// numbers of the month, the mechanisms' scores, the projection) and the rules. The mapped type
// makes a section of the registry without a computation here a type error.
import type { Settings } from '../domain/settings.js';
import { addDays, localDate } from '../domain/dates.js';
import type { MetricContext } from '../store/metrics/context.js';
import { coreMetrics } from '../store/metrics/core.js';
import { dailySeries } from '../store/metrics/series.js';
import { tenureRetention } from '../store/metrics/tenure.js';
import { cohortMatrix } from '../store/metrics/cohorts.js';
import { fiveNumbersByMonth } from '../store/metrics/five-numbers.js';
import { churnBreakdown } from '../store/metrics/churn.js';
import { rfmMetrics } from '../store/metrics/rfm.js';
import { ladderMetrics } from '../store/metrics/ladder.js';
import { purchaseMetrics } from '../store/metrics/purchase.js';
import { distributionMetrics } from '../store/metrics/distribution.js';
import { assetAudit } from '../store/metrics/audit.js';
import { dataRange } from '../store/metrics/data-range.js';
import { dataQuality } from '../store/metrics/data-quality.js';
import { mechanismFacts } from '../store/metrics/mechanisms.js';
import { projectionInputs } from '../store/metrics/projection-inputs.js';
import { scoreMechanisms } from '../domain/diagnosis/mechanisms.js';
import { diagnose } from '../domain/diagnosis/catalogue.js';
import { assessMonth } from '../domain/diagnosis/rules/five-numbers.js';
import { projectionSection } from './projection.js';
import { clvSection } from './clv.js';
import type { DiagnosisInput, MetricsSectionKey, SectionKey, Sections } from '../report/index.js';

/** What a section's computation receives. */
export interface SectionRun {
  /** The connection, D and the settings. */
  ctx: MetricContext;
  settings: Settings;
  /** Returns another metrics section of the same checkup, computing it first when needed. */
  get<K extends MetricsSectionKey>(key: K): Promise<Sections[K]>;
  /** Returns the header and every metrics section: what the rules read. */
  input(): Promise<DiagnosisInput>;
}

type Compute = { [K in SectionKey]: (run: SectionRun) => Promise<Sections[K]> };

/** The computation of every section, by key. */
export const COMPUTE: Compute = {
  data_range: ({ ctx }) => dataRange(ctx),
  data_quality: ({ ctx, settings }) => dataQuality(ctx, localDate(new Date(), settings.timezone)),
  metrics: ({ ctx }) => coreMetrics(ctx),
  metrics_prev_year: ({ ctx }) => coreMetrics({ ...ctx, asOf: addDays(ctx.asOf, -365) }),
  five_numbers: async ({ get }) => {
    const months = await get('five_numbers_by_month');
    return months[months.length - 1];
  },
  five_numbers_by_month: ({ ctx }) => fiveNumbersByMonth(ctx),
  series: ({ ctx }) => dailySeries(ctx),
  retention_by_tenure: ({ ctx }) => tenureRetention(ctx),
  cohorts: ({ ctx }) => cohortMatrix(ctx),
  churn_breakdown: ({ ctx }) => churnBreakdown(ctx),
  rfm: ({ ctx }) => rfmMetrics(ctx),
  ladder: ({ ctx }) => ladderMetrics(ctx),
  purchase: ({ ctx }) => purchaseMetrics(ctx),
  distribution: ({ ctx }) => distributionMetrics(ctx),
  asset_audit: ({ ctx }) => assetAudit(ctx),

  mechanisms: async ({ ctx, get, settings }) => {
    const facts = await mechanismFacts(ctx);
    const ladder = await get('ladder');
    const tenure = await get('retention_by_tenure');
    const scores = scoreMechanisms(
      {
        leads: facts.leads,
        leads_prev_year: facts.leads_prev_year,
        lead_conversion_90d:
          ladder.lead_conversion.within.find((w) => w.horizon_days === 90)?.rate ?? null,
        retention_year2: tenure.find((x) => x.tenure_year === 2)?.retention_rate ?? null,
        new_offer_share: facts.new_offer_share,
        referral_share: facts.referral_share,
      },
      settings.mechanisms,
    );
    return { facts, scores };
  },
  projection: async ({ ctx, get }) => {
    const inputs = await projectionInputs(ctx);
    return projectionSection(
      inputs,
      await get('retention_by_tenure'),
      await get('metrics'),
      await get('metrics_prev_year'),
    );
  },
  clv: ({ ctx }) => clvSection(ctx),
  findings: async ({ input, settings }) => diagnose({ input: await input(), settings }),
  five_numbers_assessment: async ({ input, settings }) =>
    assessMonth({ input: await input(), settings }),
};
