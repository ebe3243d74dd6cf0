// asset_audit: the new-customer asset audit (SPEC §6, seed 002) — per acquisition month and
// channel: ad spend, new customers, CPA, and for those customers the gross profit earned since
// their first purchase against that CPA (docs/metrics-purchase-distribution-audit.md).
import { z } from 'zod';
import { count, countOrNull, date, key, month, rate, rateKnown, yen, yenOrNull } from '../field.js';

const figureFields = {
  ad_spend: yenOrNull(
    '広告費',
    'Ad spend',
    'Σ ad_spend.amount; null when no spend is recorded (then CPA is unknown).',
  ),
  new_customers: count(
    '新規顧客数',
    'New customers',
    'Customers whose first purchase fell in the month(s).',
  ),
  customers_with_cpa: count(
    'CPAのある新規顧客',
    'Customers with a CPA',
    'New customers whose cell has recorded spend (the base of recovered).',
  ),
  cpa: yenOrNull(
    '獲得単価(CPA)',
    'CPA',
    'ad_spend / new customers of the cells with spend, rounded to 0.0001.',
  ),
  active: count('稼働中', 'Active', 'Bought in the year ending D.'),
  churned: count('離脱', 'Churned', 'Not active at D.'),
  gross_profit: yen(
    '粗利',
    'Gross profit',
    'Σ net purchase amount since the first purchase × gross_margin_rate.',
  ),
  gross_profit_per_customer: yenOrNull(
    '一人当り累計粗利',
    'Gross profit per customer',
    'gross_profit / new_customers.',
  ),
  recovered: countOrNull(
    '回収済み',
    'Recovered',
    'Customers whose gross profit ≥ their cell’s CPA; null without a CPA.',
  ),
  recovered_share: rate(
    'customers_with_cpa',
    '回収済みの比率',
    'Recovered share',
    'recovered / customers_with_cpa.',
  ),
  unrecovered_customers: countOrNull(
    '未回収で離脱',
    'Churned unrecovered',
    'Churned customers whose gross profit < CPA; null without a CPA.',
  ),
  unrecovered_cost: yenOrNull(
    '未回収の獲得費用',
    'Unrecovered cost',
    'Σ (CPA − gross profit) over the churned, unrecovered customers.',
  ),
};

export const auditFiguresSchema = z.strictObject(figureFields);
export type AuditFigures = z.infer<typeof auditFiguresSchema>;

export const auditCellSchema = z.strictObject({
  month: month('獲得月', 'Acquisition month', 'Month of the first purchase.'),
  channel: key(
    '獲得チャネル',
    'Acquisition channel',
    'customers.acquisition_channel; unknown when missing.',
  ),
  ...figureFields,
});
export type AuditCell = z.infer<typeof auditCellSchema>;

export const auditChannelSchema = z.strictObject({
  channel: key(
    '獲得チャネル',
    'Acquisition channel',
    'customers.acquisition_channel; unknown when missing.',
  ),
  ...figureFields,
});
export type AuditChannel = z.infer<typeof auditChannelSchema>;

export const assetAuditReportSchema = z.strictObject({
  as_of: date('基準日', 'As of', 'D.'),
  from_month: month('獲得月(から)', 'From month', 'The first audited acquisition month.'),
  to_month: month('獲得月(まで)', 'To month', 'The last audited acquisition month (D’s).'),
  gross_margin_rate: rateKnown('粗利率', 'Gross margin rate', 'settings.gross_margin_rate.'),
  cells: z.array(auditCellSchema),
  by_channel: z.array(auditChannelSchema),
  total: auditFiguresSchema,
});
export type AssetAuditReport = z.infer<typeof assetAuditReportSchema>;
