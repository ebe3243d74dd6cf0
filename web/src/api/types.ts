// The shapes the dashboard reads from the API. They mirror the stored report
// (src/checkup/report.ts and the metric modules) as the API sends it; sections that other
// parts of kenshin add over time are optional, and pages without theirs say "not computed yet".
export type Severity = 'info' | 'warning' | 'critical';
export interface Text {
  ja: string;
  en: string;
}

export interface Flows {
  new: number;
  retained: number;
  reactivated: number;
  churned: number;
}

export interface CoreMetrics {
  window_start: string;
  active_customers: number;
  active_customers_prev_year: number;
  annual_revenue: number;
  unattributed_revenue: number;
  annual_ltv: number | null;
  retention_base: number;
  retention_retained: number;
  retention_rate: number | null;
  flows: Flows;
  contacts: number;
  contacts_per_active: number | null;
  contacts_per_active_by_channel: Record<string, number | null>;
}

export interface SeriesPoint {
  date: string;
  active_customers: number;
  trailing_revenue: number;
}

export interface TenureRetention {
  tenure_year: number;
  base: number;
  retained: number;
  retention_rate: number | null;
  target: number | null;
}

export interface CohortCell {
  age: number;
  active_customers: number;
  active_share: number | null;
  purchases: number;
  revenue: number;
  cumulative_revenue_per_customer: number | null;
}

export interface Cohort {
  cohort: string;
  customers: number;
  cells: CohortCell[];
}

export interface FiveNumbersCounts {
  month: string;
  month_to_date: boolean;
  total_customers: number;
  existing_customers: number;
  new_customers: number;
  existing_avg_spend: number | null;
  new_avg_spend: number | null;
  existing_revenue: number;
  new_revenue: number;
  revenue: number;
}

export type FiveKey =
  | 'total_customers'
  | 'existing_customers'
  | 'new_customers'
  | 'existing_avg_spend'
  | 'new_avg_spend';

export interface FiveNumbersAssessment {
  thresholds: Record<FiveKey, number>;
  ratings: Record<FiveKey, 'high' | 'low'>;
  state: 'perfect' | 'most_efficient' | 'worst' | 'mixed';
  state_text: Text;
  prescriptions: { key: FiveKey; text: Text }[];
}

export interface ChurnRow {
  value: string;
  base: number;
  churned: number;
  churn_rate: number | null;
}

export interface ChurnBreakdown {
  by_ladder_level: ChurnRow[];
  by_recency_band: ChurnRow[];
  by_channel: ChurnRow[];
  by_entry_product: ChurnRow[];
}

export interface Finding {
  id: string;
  severity: Severity;
  title: Text;
  evidence: Record<string, number | string | null>;
  cause: Text;
  action: Text;
}

export interface RfmReport {
  as_of: string;
  method: string;
  customers: number;
  revenue: number;
  cut_points: {
    recency_days: number[] | null;
    frequency: number[] | null;
    monetary: number[] | null;
  };
  grid: { r_score: number; f_score: number; customers: number; revenue: number }[];
  m_scores: { m_score: number; customers: number; revenue: number }[];
  segments: {
    segment: string;
    name_ja: string;
    name_en: string;
    customers: number;
    revenue: number;
    share_customers: number | null;
    share_revenue: number | null;
    avg_r_days: number | null;
    avg_f: number | null;
    avg_m: number | null;
  }[];
}

export interface LadderReport {
  as_of: string;
  loyal_min_purchases: number;
  horizons_days: number[];
  prospects: number;
  customers: number;
  levels: { level: number; stage: string; name_ja: string; name_en: string; people: number }[];
  conversion_totals: {
    step: string;
    horizon_days: number;
    cohorts: number;
    base: number;
    converted: number;
    rate: number | null;
  }[];
  median_days: {
    f1_to_f2: number | null;
    f2_to_loyal: number | null;
    lead_to_first_purchase: number | null;
  };
  lead_conversion: { leads: number; converted: number; rate: number | null };
  level_stats: {
    level: number;
    stage: string;
    active_customers: number;
    annual_revenue: number;
    annual_ltv: number | null;
    retention_base: number;
    retention_rate: number | null;
  }[];
}

export interface PurchaseYear {
  window_start: string;
  window_end: string;
  active_customers: number;
  purchases: number;
  purchase_amount: number;
  purchases_per_active: number | null;
  average_order_value: number | null;
  purchase_days_per_active: number | null;
  discount_purchase_share: number | null;
  discount_amount_share: number | null;
}

export interface OverdueSnapshot {
  as_of: string;
  repeat_customers: number;
  overdue_customers: number;
  overdue_active: number;
  active_customers: number;
  overdue_share: number | null;
  median_f2_days: number | null;
  single_purchase_customers: number;
  single_past_median_f2: number;
}

export interface DiscountGroup {
  new_customers: number;
  cohort_customers: number;
  f2_within_365: number;
  f2_rate: number | null;
  retained: number;
  retention_rate: number | null;
}

export interface PurchaseReport {
  as_of: string;
  current: PurchaseYear;
  previous: PurchaseYear;
  overdue: {
    interval_multiple: number;
    current: OverdueSnapshot;
    previous: OverdueSnapshot;
    change: number;
  };
  discount_acquired: {
    cohort_start: string;
    cohort_end: string;
    discounted: DiscountGroup;
    other: DiscountGroup;
  };
}

export interface DistributionResponseRow {
  key: string;
  name: string | null;
  contacts: number;
  cost: number | null;
  contacted_customers: number;
  responders: number;
  response_rate: number | null;
  control_rate: number | null;
  uplift: number | null;
  incremental_responses: number | null;
  cost_per_response: number | null;
  cost_per_incremental_response: number | null;
}

export interface DistributionCoverage {
  customers: number;
  contacted_recent: number;
  contacted_year: number;
  coverage_recent: number | null;
  coverage_year: number | null;
}

export interface DistributionReport {
  as_of: string;
  contacts_per_active: number | null;
  contacts_per_active_prev_year: number | null;
  by_channel: {
    channel: string;
    contacts: number;
    contacts_per_active: number | null;
    contacts_per_active_prev_year: number | null;
  }[];
  coverage: {
    recent_days: number;
    active: DistributionCoverage;
    at_risk: DistributionCoverage;
    at_risk_days: number;
  };
  gini: number | null;
  top10_share: number | null;
  over_contacted: number;
  over_contacted_active: number;
  over_contacted_threshold: number;
  response: {
    window_days: number;
    period_start: string;
    period_end: string;
    by_channel: DistributionResponseRow[];
    by_campaign: DistributionResponseRow[];
  };
}

export interface ProjectionFit {
  active_by_tenure: number[];
  retention_by_tenure: number[];
  annual_ltv_by_tenure: number[];
  new_customers_per_year: number;
  dormant_customers: number;
  reactivation_rate: number;
  reactivated_annual_spend: number;
  retention_uncertainty: number;
  new_customers_uncertainty: number;
}

export interface ProjectionYear {
  year: number;
  active_customers: number;
  revenue: number;
  active_low: number;
  active_high: number;
  revenue_low: number;
  revenue_high: number;
}

export interface ProjectionSection {
  inputs: Record<string, unknown>;
  fit: ProjectionFit;
  years: ProjectionYear[];
}

export interface CheckupReport {
  report_version: number;
  as_of: string;
  computed_at: string;
  business: { name: string; timezone: string; currency: string };
  metrics: CoreMetrics;
  metrics_prev_year: CoreMetrics;
  five_numbers: FiveNumbersCounts;
  five_numbers_by_month: FiveNumbersCounts[];
  series: SeriesPoint[];
  retention_by_tenure: TenureRetention[];
  cohorts: Cohort[];
  churn_breakdown: ChurnBreakdown;
  findings: Finding[];
  five_numbers_assessment: FiveNumbersAssessment;
  rfm?: RfmReport;
  ladder?: LadderReport;
  purchase?: PurchaseReport;
  /** Shapes still settling in the report: shown by the generic section view. */
  distribution?: DistributionReport;
  asset_audit?: AssetAuditReport;
  projection?: ProjectionSection;
  five_mechanisms?: Record<string, unknown>;
}

export type Overview = Pick<
  CheckupReport,
  | 'as_of'
  | 'computed_at'
  | 'business'
  | 'metrics'
  | 'metrics_prev_year'
  | 'series'
  | 'retention_by_tenure'
  | 'five_numbers'
  | 'five_numbers_assessment'
  | 'findings'
> & { findings_by_severity: Record<Severity, number>; sections: string[] };

export interface Episode {
  id: string;
  began: string;
  ended: string | null;
  last_seen: string;
  severity: Severity;
  title: Text;
}

export interface SegmentCount {
  name: string;
  kind: 'builtin' | 'saved';
  description_ja: string;
  description_en: string;
  summary: string;
  count: number;
}

export interface SimulationRow {
  period: number;
  year: number;
  new_customers: number;
  active_customers: number;
  revenue: number;
  annual_ltv: number;
}

export interface Scenario {
  name?: string;
  new_customers: number[];
  retention_rate: number | number[];
  annual_ltv_by_tenure: number[];
  years: number;
}

/** The asset audit's figures of a cell, a channel or the total (src/store/metrics/audit.ts). */
export interface AuditFigures {
  ad_spend: number | null;
  new_customers: number;
  customers_with_cpa: number;
  cpa: number | null;
  active: number;
  churned: number;
  gross_profit: number;
  gross_profit_per_customer: number | null;
  recovered: number | null;
  recovered_share: number | null;
  unrecovered_customers: number | null;
  unrecovered_cost: number | null;
}

export interface AuditCell extends AuditFigures {
  month: string;
  channel: string;
}

export interface AssetAuditReport {
  as_of: string;
  from_month: string;
  to_month: string;
  gross_margin_rate: number;
  cells: AuditCell[];
  by_channel: (AuditFigures & { channel: string })[];
  total: AuditFigures;
}

// The import API (src/server/routes/import.ts, src/server/imports/engine.ts): the plan of one
// upload as the importer's dry run gives it, the user's choices, and the commit's result.
export type StoredStatus = 'completed' | 'cancelled' | 'returned';

export interface ImportColumn {
  header: string;
  /** The canonical field the column feeds, or null. */
  field: string | null;
  via: 'map' | 'preset' | 'auto' | 'attribute' | 'ignored' | string;
  note: {
    kind: 'conflict' | 'taken' | 'manual' | 'reason' | 'other';
    field?: string;
    with?: string;
    text?: string;
  } | null;
}

export interface ImportProblem {
  code:
    | 'ambiguous_column'
    | 'missing_column'
    | 'unknown_status'
    | 'suspicious_column'
    | 'guests'
    | string;
  blocking: boolean;
  /** The importer's words (Japanese / English in one text). */
  message: string;
  /** The `kenshin import` arguments that would fix it. */
  fix: string[] | null;
  field?: string;
  columns?: string[];
  fields?: string[];
  words?: { word: string; count: number | null; guess: StoredStatus }[];
  guests?: { guests: number; orders: number };
}

export interface ImportRowError {
  row: number | null;
  column: string | null;
  field?: string;
  value?: string | null;
  code?: string;
  reason: string;
}

export interface ImportPlan {
  upload_id: string;
  entity: string;
  file: string;
  detected: {
    format: string;
    encoding: string;
    bom: boolean;
    delimiter: string;
    gzip: boolean;
    mode: 'rows' | 'lines' | 'items';
    preset: string | null;
    sheet: string | null;
  };
  preset: { id: string; label: Text } | null;
  customer_key: { rule: string; headers: string[] } | null;
  guest_orders: { guests: number; orders: number } | null;
  rows_skipped: number;
  skip_reason: Text | null;
  mapping: ImportColumn[];
  fields: { name: string; required: boolean }[];
  problems: ImportProblem[];
  blocked: boolean;
  command: string | null;
  rows: Record<string, unknown>[];
  tables: { table: string; rows: Record<string, unknown>[] }[];
  counts: {
    rows_read: number;
    rows_rejected: number;
    rows_collapsed: number;
    rows_skipped: number;
  };
  errors: ImportRowError[];
  warnings: string[];
}

/** The user's choices: the options of `kenshin import` (header → field or '-', word → status, …). */
export interface ImportChoices {
  mapping?: Record<string, string>;
  status_words?: Record<string, StoredStatus>;
  allow_guests?: boolean;
  channel?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  skip?: number;
  saved_mapping?: string;
}

export interface ImportCommitted {
  entity: string;
  file: string;
  run_id: string;
  preset: string | null;
  rows_read: number;
  rows_stored: number;
  rows_rejected: number;
  rows_collapsed: number;
  rows_skipped: number;
  guest_orders: { guests: number; orders: number } | null;
  tables: {
    table: string;
    inserted: number;
    updated: number;
    unchanged: number;
    rowsWritten?: number;
  }[];
  saved_mapping: string | null;
  seconds: number;
}

export interface SavedImportMapping {
  name: string;
  entity: string;
  mapping: Record<string, string>;
  status_words: Record<string, StoredStatus>;
  options: Record<string, unknown>;
  saved_at: string;
}
