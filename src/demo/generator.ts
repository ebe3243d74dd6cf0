// `generateDemoData`: a seeded, realistic Japanese mail-order business written as canonical CSV
// (docs/import-formats.md). The model is planned and calibrated first (model.ts), then customers
// are streamed one at a time (stream.ts), so memory stays flat whatever the size; campaigns and
// ad spend, which are totals over the customers, are written last, then manifest.json.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AD_SPEND_HEADER, AdSpend } from './acquisition.js';
import { CAMPAIGN_HEADER, campaignRows } from './campaigns.js';
import { isoOfDay } from './calendar.js';
import { productTables } from './catalog.js';
import { CsvSink } from './csv-sink.js';
import { LEAD_EVENT_HEADER, LEAD_HEADER, LeadWriter } from './leads.js';
import { buildModel, type Model } from './model.js';
import { resolveOptions, type DemoOptions, type ResolvedOptions } from './options.js';
import { ITEM_HEADER, ORDER_HEADER, OrderWriter } from './orders.js';
import type { Calibration } from './pilot.js';
import { CUSTOMER_HEADER } from './profile.js';
import { CHANNELS, SCENARIOS } from './scenario.js';
import { streamCustomers } from './stream.js';

export type { DemoOptions } from './options.js';

/** The rule that ties orders.csv to order_items.csv (also written to the manifest). */
export const AMOUNT_RULE =
  'amount = Σ quantity × unit_price − discount_amount; shipping is a separate column, not included in amount';

/** The files of a run, in the order they are listed in the manifest. */
const FILES = {
  customers: CUSTOMER_HEADER,
  orders: ORDER_HEADER,
  order_items: ITEM_HEADER,
  contacts: ['contact_id', 'customer_id', 'sent_at', 'channel', 'campaign_id', 'cost'],
  campaigns: CAMPAIGN_HEADER,
  ad_spend: AD_SPEND_HEADER,
  leads: LEAD_HEADER,
  lead_events: LEAD_EVENT_HEADER,
} as const;
type FileName = keyof typeof FILES;

/** What was generated: the resolved options, the history, the counts and the files. */
export interface DemoSummary {
  dir: string;
  options: Omit<ResolvedOptions, 'dir'>;
  startDate: string;
  endDate: string;
  scenario: { name: string; description: string; windows: { from: string; to: string }[] };
  counts: {
    customers: number;
    /** All orders, guest orders included. */
    orders: number;
    guest_orders: number;
    order_items: number;
    contacts: number;
    campaigns: number;
    ad_spend: number;
    leads: number;
    lead_events: number;
    converted_leads: number;
    referred_customers: number;
  };
  /** Σ amount of completed orders of identified customers, yen. */
  revenue: number;
  calibration: Calibration;
  amountRule: string;
  files: { name: string; rows: number; bytes: number }[];
}

/** Writes the demo business into options.dir and returns its summary (also in manifest.json). */
export async function generateDemoData(options: DemoOptions): Promise<DemoSummary> {
  const model = buildModel(resolveOptions(options));
  const { cal, knobs, campaigns, options: o } = model;
  await mkdir(o.dir, { recursive: true });
  const files = Object.fromEntries(
    Object.entries(FILES).map(([name, header]) => [
      name,
      new CsvSink(join(o.dir, `${name}.csv`), header),
    ]),
  ) as Record<FileName, CsvSink>;
  const all = Object.values(files);
  const orders = new OrderWriter(cal, knobs, productTables(), files.orders, files.order_items);
  const leads = new LeadWriter(cal, knobs, model.draw.tables, files.leads, files.lead_events);
  const adSpend = new AdSpend(cal, CHANNELS);
  const perCampaign = new Int32Array(campaigns.count);
  let referred: number;
  try {
    referred = await streamCustomers(model, {
      ...files,
      all,
      orders,
      leads,
      adSpend,
      perCampaign,
      onProgress: options.onProgress,
    });
    for (const row of campaignRows(campaigns, perCampaign)) files.campaigns.row(row);
    for (const row of adSpend.rows(o.seed)) files.ad_spend.row(row);
    await Promise.all(all.map((s) => s.close()));
  } catch (err) {
    for (const s of all) s.destroy();
    throw err;
  }
  const summary = summarize(model, files, orders, leads.converted, referred);
  // The manifest leaves out the directory, so the same options give the same bytes anywhere.
  const manifest = { generator: 'kenshin demo-data', ...summary, dir: undefined };
  await writeFile(join(o.dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return summary;
}

function summarize(
  m: Model,
  files: Record<FileName, CsvSink>,
  orders: OrderWriter,
  converted: number,
  referred: number,
): DemoSummary {
  const { dir, ...options } = m.options;
  return {
    dir,
    options,
    startDate: isoOfDay(m.cal.start),
    endDate: isoOfDay(m.cal.end),
    scenario: {
      name: options.scenario,
      description: SCENARIOS[options.scenario].description,
      windows: m.phases.windows.map((w) => ({ from: isoOfDay(w.from), to: isoOfDay(w.to) })),
    },
    counts: {
      customers: files.customers.rows,
      orders: files.orders.rows,
      guest_orders: orders.counts.guestOrders,
      order_items: files.order_items.rows,
      contacts: files.contacts.rows,
      campaigns: files.campaigns.rows,
      ad_spend: files.ad_spend.rows,
      leads: files.leads.rows,
      lead_events: files.lead_events.rows,
      converted_leads: converted,
      referred_customers: referred,
    },
    revenue: orders.counts.revenue,
    calibration: m.calibration,
    amountRule: AMOUNT_RULE,
    files: Object.entries(files).map(([name, s]) => ({
      name: `${name}.csv`,
      rows: s.rows,
      bytes: s.bytes,
    })),
  };
}
