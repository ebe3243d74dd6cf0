// The rule catalogue: every diagnosis, run in order over the computed report. Thresholds are
// settings (settings.diagnosis and the sections' own), with the SPEC / seed defaults.
import type { RuleContext } from './input.js';
import { severityRank, type Finding } from './types.js';
import { listDiagnosis } from './rules/list.js';
import { customerDiagnosis } from './rules/customer.js';
import { tenureDiagnosis } from './rules/tenure.js';
import { fiveNumbersDiagnosis } from './rules/five-numbers.js';
import { purchaseDiagnosis } from './rules/purchase.js';
import { discountEarlyDiagnosis } from './rules/discount-early.js';
import { distributionDiagnosis } from './rules/distribution.js';
import { auditDiagnosis } from './rules/audit.js';
import { dataDiagnosis, noIdentifiedCustomers } from './rules/data.js';
import { mechanismsDiagnosis } from './rules/mechanisms.js';

type Rule = (ctx: RuleContext) => Finding[];

/** The rules, by family, in the order the report lists them. */
export const RULES: { family: string; ids: string[]; run: Rule }[] = [
  { family: 'list', ids: ['list.active_decline'], run: listDiagnosis },
  {
    family: 'customer',
    ids: ['customer.acquisition_drop', 'customer.retention_drop', 'customer.reactivation_drop'],
    run: customerDiagnosis,
  },
  { family: 'customer', ids: ['customer.tenure_below_target'], run: tenureDiagnosis },
  {
    family: 'purchase',
    ids: ['purchase.frequency_drop', 'purchase.overdue_rise', 'purchase.discount_cohort_weak'],
    run: purchaseDiagnosis,
  },
  // The early view of a discount trap, before the matured cohort of purchase.discount_cohort_weak.
  { family: 'purchase', ids: ['purchase.discount_early_weak'], run: discountEarlyDiagnosis },
  {
    family: 'distribution',
    ids: ['distribution.too_few', 'distribution.too_many', 'distribution.concentrated'],
    run: distributionDiagnosis,
  },
  { family: 'audit', ids: ['audit.unrecovered_cost'], run: auditDiagnosis },
  { family: 'five_numbers', ids: ['five_numbers.state'], run: fiveNumbersDiagnosis },
  { family: 'mechanisms', ids: ['mechanisms.weakest_link'], run: mechanismsDiagnosis },
  {
    family: 'data',
    ids: [
      'data.no_customers',
      'data.implausible_dates',
      'data.future_dates',
      'data.short_history',
      'data.no_contacts',
    ],
    run: dataDiagnosis,
  },
];

/** Returns every finding of the report, the most severe first (stable within a severity). */
export function diagnose(ctx: RuleContext): Finding[] {
  // Without identified customers every other rule would judge empty figures: say only that.
  if (noIdentifiedCustomers(ctx.input)) return dataDiagnosis(ctx);
  const all = RULES.flatMap((r) => r.run(ctx));
  return all
    .map((f, i) => ({ f, i }))
    .sort((a, b) => severityRank(a.f.severity) - severityRank(b.f.severity) || a.i - b.i)
    .map((x) => x.f);
}
