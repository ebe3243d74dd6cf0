// The sections of the report, in the order the report lists them and the checkup computes them.
// Each names its key (a SPEC name), its schema, its title and what it is; `since` is the report
// version that added it (a stored report of an earlier version holds null there, "not computed").
// Adding a section: its schema in sections/, an entry here, its computation in the checkup
// (src/checkup/sections.ts), its row in docs/report.md.
import type { z } from 'zod';
import { dataRangeSchema } from './sections/data-range.js';
import { dataQualitySchema } from './sections/data-quality.js';
import { coreMetricsSchema } from './sections/core.js';
import { fiveNumbersByMonthSchema, fiveNumbersCountsSchema } from './sections/five-numbers.js';
import { seriesSchema } from './sections/series.js';
import { retentionByTenureSchema } from './sections/tenure.js';
import { cohortsSchema } from './sections/cohorts.js';
import { churnBreakdownSchema } from './sections/churn.js';
import { rfmReportSchema } from './sections/rfm.js';
import { ladderReportSchema } from './sections/ladder.js';
import { purchaseReportSchema } from './sections/purchase.js';
import { distributionReportSchema } from './sections/distribution.js';
import { assetAuditReportSchema } from './sections/audit.js';
import { mechanismsSectionSchema } from './sections/mechanisms.js';
import { projectionSectionSchema } from './sections/projection.js';
import { clvSectionSchema } from './sections/clv.js';
import { findingsSchema } from './finding.js';
import { fiveNumbersAssessmentSchema } from './sections/assessment.js';

/**
 * metrics: computed from the database for D; diagnosis: computed from the metrics sections and
 * the settings alone (the rules), after them.
 */
export type SectionKind = 'metrics' | 'diagnosis';

export interface SectionDef<K extends string = string, S extends z.ZodType = z.ZodType> {
  key: K;
  schema: S;
  kind: SectionKind;
  title: { ja: string; en: string };
  /** One line: what the section holds. */
  doc: string;
  /** Where its definitions are explained. */
  reference?: string;
  /** The report version that added it. */
  since: number;
}

const section = <const D extends SectionDef>(d: D) => d;

export const SECTIONS = [
  section({
    key: 'data_range',
    schema: dataRangeSchema,
    kind: 'metrics',
    title: { ja: 'データ期間', en: 'Data range' },
    doc: 'Purchase history span as of D and whether promotion data exists: what the year-on-year rules may compare.',
    reference: 'docs/diagnoses.md',
    since: 1,
  }),
  section({
    key: 'data_quality',
    schema: dataQualitySchema,
    kind: 'metrics',
    title: { ja: 'データの質', en: 'Data quality' },
    doc: 'Guest orders, orders without lines, customers without an acquisition channel and future-dated orders.',
    reference: 'docs/import-formats.md',
    since: 2,
  }),
  section({
    key: 'metrics',
    schema: coreMetricsSchema,
    kind: 'metrics',
    title: { ja: '主要指標', en: 'Key metrics' },
    doc: 'The §3 scalars as of D, with the flows.',
    reference: 'docs/metrics.md',
    since: 1,
  }),
  section({
    key: 'metrics_prev_year',
    schema: coreMetricsSchema,
    kind: 'metrics',
    title: { ja: '主要指標(前年)', en: 'Key metrics a year ago' },
    doc: 'The same scalars as of D−365, for comparisons against last year.',
    reference: 'docs/metrics.md',
    since: 1,
  }),
  section({
    key: 'five_numbers',
    schema: fiveNumbersCountsSchema,
    kind: 'metrics',
    title: { ja: '今月の5つの数', en: 'Five numbers this month' },
    doc: 'The five numbers of the month of D (to date): the last month of five_numbers_by_month.',
    reference: 'docs/metrics.md',
    since: 1,
  }),
  section({
    key: 'five_numbers_by_month',
    schema: fiveNumbersByMonthSchema,
    kind: 'metrics',
    title: { ja: '5つの数(月別)', en: 'Five numbers by month' },
    doc: 'The five numbers for the 13 months ending with the month of D.',
    reference: 'docs/metrics.md',
    since: 1,
  }),
  section({
    key: 'series',
    schema: seriesSchema,
    kind: 'metrics',
    title: { ja: '日次データ', en: 'Daily series' },
    doc: '730 daily points: active customers and trailing-year revenue.',
    since: 1,
  }),
  section({
    key: 'retention_by_tenure',
    schema: retentionByTenureSchema,
    kind: 'metrics',
    title: { ja: '継続年数別の維持率', en: 'Retention by tenure' },
    doc: 'Retention into each tenure year, with the targets for years 2 and 3.',
    reference: 'docs/metrics.md',
    since: 1,
  }),
  section({
    key: 'cohorts',
    schema: cohortsSchema,
    kind: 'metrics',
    title: { ja: 'コホート', en: 'Cohorts' },
    doc: 'Monthly cohorts × age: active share, purchases, revenue, cumulative revenue per customer.',
    reference: 'docs/metrics.md',
    since: 1,
  }),
  section({
    key: 'churn_breakdown',
    schema: churnBreakdownSchema,
    kind: 'metrics',
    title: { ja: '離脱の内訳', en: 'Churn breakdown' },
    doc: "Churn of last year's buyers by ladder level, recency band, channel and entry product.",
    since: 1,
  }),
  section({
    key: 'rfm',
    schema: rfmReportSchema,
    kind: 'metrics',
    title: { ja: 'RFM', en: 'RFM' },
    doc: 'RFM cut points, the R×F grid, M scores and named segments.',
    reference: 'docs/segments.md',
    since: 1,
  }),
  section({
    key: 'ladder',
    schema: ladderReportSchema,
    kind: 'metrics',
    title: { ja: '顧客ラダー', en: 'Customer ladder' },
    doc: 'Levels, conversions within 90/180/365 days by cohort, medians, lead conversion, level retention and LTV.',
    reference: 'docs/segments.md',
    since: 1,
  }),
  section({
    key: 'purchase',
    schema: purchaseReportSchema,
    kind: 'metrics',
    title: { ja: '業績診断B 購買', en: 'Purchase diagnosis' },
    doc: 'Frequency, order value, discount share, overdue customers, discount-acquired vs others.',
    reference: 'docs/metrics-purchase-distribution-audit.md',
    since: 1,
  }),
  section({
    key: 'distribution',
    schema: distributionReportSchema,
    kind: 'metrics',
    title: { ja: '業績診断C 配布', en: 'Distribution diagnosis' },
    doc: 'Contacts per active, coverage, Gini, top-10 % share, over-contacted, response vs control by channel and campaign.',
    reference: 'docs/metrics-purchase-distribution-audit.md',
    since: 1,
  }),
  section({
    key: 'asset_audit',
    schema: assetAuditReportSchema,
    kind: 'metrics',
    title: { ja: '新規顧客資産性監査', en: 'New-customer asset audit' },
    doc: 'The new-customer asset audit per acquisition month and channel.',
    reference: 'docs/metrics-purchase-distribution-audit.md',
    since: 1,
  }),
  section({
    key: 'mechanisms',
    schema: mechanismsSectionSchema,
    kind: 'metrics',
    title: { ja: '5つのしくみ', en: 'Five mechanisms' },
    doc: "The five mechanisms' facts and scores against targets.",
    reference: 'docs/diagnoses.md',
    since: 1,
  }),
  section({
    key: 'projection',
    schema: projectionSectionSchema,
    kind: 'metrics',
    title: { ja: '予測', en: 'Projection' },
    doc: 'Inputs fitted on the year ending D, the model fit, and years 0–5 with a low–high band.',
    reference: 'docs/models.md',
    since: 1,
  }),
  section({
    key: 'clv',
    schema: clvSectionSchema,
    kind: 'metrics',
    title: { ja: '顧客生涯価値', en: 'Customer value' },
    doc: 'BG/NBD (or MBG/NBD, Pareto/NBD) and gamma-gamma fitted up to D with standard errors, a holdout check, deciles of P(alive) and 365-day CLV, and the 90/365-day forecast; too_few below the minimum data.',
    reference: 'docs/models.md',
    since: 3,
  }),
  section({
    key: 'findings',
    schema: findingsSchema,
    kind: 'diagnosis',
    title: { ja: '所見', en: 'Findings' },
    doc: 'Diagnosis findings, most severe first.',
    reference: 'docs/diagnoses.md',
    since: 1,
  }),
  section({
    key: 'five_numbers_assessment',
    schema: fiveNumbersAssessmentSchema,
    kind: 'diagnosis',
    title: { ja: '5つの数の評価', en: 'Five numbers assessment' },
    doc: 'Ratings against the thresholds, the state (perfect, most_efficient, worst, mixed) and prescriptions.',
    reference: 'docs/diagnoses.md',
    since: 1,
  }),
] as const;

export type SectionEntry = (typeof SECTIONS)[number];
export type SectionKey = SectionEntry['key'];
export type MetricsSectionKey = Extract<SectionEntry, { kind: 'metrics' }>['key'];
export type DiagnosisSectionKey = Extract<SectionEntry, { kind: 'diagnosis' }>['key'];
/** A section's schema as the current version holds it: nullable when a later version added it. */
export type HeldSchema<E extends SectionEntry> = E['since'] extends 1
  ? E['schema']
  : z.ZodNullable<E['schema']>;
/** The sections' schemas by key, as the report holds them. */
export type SectionShape = { [E in SectionEntry as E['key']]: HeldSchema<E> };
