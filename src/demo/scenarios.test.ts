// Each planted scenario must show up in the numbers a diagnosis reads, against the healthy run
// of the same seed (identical before the window), measured on the files with plain SQL.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { generateDemoData } from './generator.js';
import {
  assetAudit,
  contactMetrics,
  demoMetrics,
  f2ByCoupon,
  openDemo,
  type DemoDb,
  type DemoMetrics,
} from './readback.js';
import type { ScenarioName } from './scenario.js';

const root = await mkdtemp(join(tmpdir(), 'kenshin-scenarios-'));
after(() => rm(root, { recursive: true, force: true }));

const END = '2026-10-31';
const OPTS = { customers: 2500, seed: 11, endDate: END, years: 3 };

// Generates a scenario, loads the named files and returns the metrics as of the end date plus
// whatever `extra` measures.
async function run<T = undefined>(
  scenario: ScenarioName,
  tables: string[] = ['orders'],
  extra?: (db: DemoDb) => Promise<T>,
): Promise<DemoMetrics & { extra: T }> {
  const dir = join(root, scenario);
  await generateDemoData({ dir, scenario, ...OPTS });
  const db = await openDemo(dir, tables);
  try {
    return {
      ...(await demoMetrics(db.conn, END)),
      extra: (extra ? await extra(db) : undefined) as T,
    };
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const AUDIT_TABLES = ['orders', 'customers', 'ad_spend'];
const audit = (db: DemoDb) =>
  assetAudit(db.conn, END, '2024-11-01', '2025-10-31', 'affiliate', 0.5);
const contacts = (db: DemoDb) => contactMetrics(db.conn, END);

let healthy: DemoMetrics & {
  extra: {
    audit: Awaited<ReturnType<typeof audit>>;
    contacts: Awaited<ReturnType<typeof contacts>>;
  };
};
before(async () => {
  healthy = await run('healthy', [...AUDIT_TABLES, 'contacts'], async (db) => ({
    audit: await audit(db),
    contacts: await contacts(db),
  }));
});

const between = (x: number, lo: number, hi: number, what: string): void =>
  assert.ok(x >= lo && x <= hi, `${what} = ${x.toFixed(3)}, expected ${lo}…${hi}`);

test('healthy: steady business, year-2 retention about 60–65 %, normal promotion', () => {
  between(healthy.tenure2Retention, 0.55, 0.72, 'retention in the 2nd year');
  between(healthy.retention, 0.6, 0.78, 'retention');
  between(healthy.newCustomers / healthy.newPrev, 0.95, 1.25, 'new customers vs last year');
  between(healthy.extra.contacts.contactsPerActive, 9, 15, 'contacts per active customer');
  assert.ok(
    healthy.extra.contacts.contactTop10Share < 0.35,
    `top-10 % share ${healthy.extra.contacts.contactTop10Share}`,
  );
  assert.ok(healthy.reactivated > 0.03 * healthy.active, 'some lapsed customers come back');
});

test('acquisition_drop: about 40 % fewer new customers in the last year, same history before', async () => {
  const m = await run('acquisition_drop');
  between(m.newCustomers / healthy.newCustomers, 0.5, 0.7, 'new customers vs healthy');
  assert.equal(m.newPrev, healthy.newPrev);
  assert.equal(m.activePrev, healthy.activePrev);
  assert.ok(m.active < healthy.active);
});

test('retention_drop: existing customers repeat far less', async () => {
  const m = await run('retention_drop');
  assert.ok(
    m.retention < healthy.retention - 0.2,
    `retention ${m.retention} vs ${healthy.retention}`,
  );
  assert.equal(m.newCustomers, healthy.newCustomers);
});

test('reactivation_drop: lapsed customers stop coming back, retention unchanged', async () => {
  const m = await run('reactivation_drop');
  assert.ok(
    m.reactivated < 0.3 * healthy.reactivated,
    `reactivated ${m.reactivated} vs ${healthy.reactivated}`,
  );
  assert.ok(
    Math.abs(m.retention - healthy.retention) < 0.03,
    `retention ${m.retention} vs ${healthy.retention}`,
  );
});

test('frequency_drop: fewer purchases per active customer', async () => {
  const m = await run('frequency_drop');
  assert.ok(
    m.purchasesPerActive < 0.85 * healthy.purchasesPerActive,
    `${m.purchasesPerActive} vs ${healthy.purchasesPerActive}`,
  );
  assert.ok(m.purchasesPerActive < m.purchasesPerActivePrev);
});

test('overdue_rise: many more customers overdue against their own interval', async () => {
  const m = await run('overdue_rise');
  assert.ok(m.overdue > 1.4 * healthy.overdue, `overdue ${m.overdue} vs ${healthy.overdue}`);
});

test('discount_cohort_weak: a large half-price cohort that hardly comes back', async () => {
  const m = await run('discount_cohort_weak', ['orders'], (db) =>
    f2ByCoupon(db.conn, '2025-01-01', '2025-08-31', 'HALF50', 365),
  );
  
  assert.ok(m.newPrev > 1.5 * healthy.newPrev, 'the campaign adds many new customers');
  assert.ok(m.extra.nWith > 0.3 * m.newPrev);
  assert.ok(
    m.extra.withCoupon < 0.5 * m.extra.without,
    `F2 ${m.extra.withCoupon} vs ${m.extra.without}`,
  );
});

test('distribution_too_few / too_many / concentrated move contacts per active customer and their spread', async () => {
  const few = (await run('distribution_too_few', ['orders', 'contacts'], contacts)).extra;
  assert.ok(few.contactsPerActive < 4, `too few: ${few.contactsPerActive}`);
  const many = (await run('distribution_too_many', ['orders', 'contacts'], contacts)).extra;
  assert.ok(many.contactsPerActive > 24, `too many: ${many.contactsPerActive}`);
  const conc = (await run('distribution_concentrated', ['orders', 'contacts'], contacts)).extra;
  assert.ok(conc.contactTop10Share > 0.5, `top-10 % share ${conc.contactTop10Share}`);
  assert.ok(conc.contactsPerActive >= 4, `concentrated but not too few: ${conc.contactsPerActive}`);
});

test('unrecovered_cost: an expensive channel whose customers churn leaves its cost unrecovered', async () => {
  const { extra: a } = await run('unrecovered_cost', AUDIT_TABLES, audit);
  const h = healthy.extra.audit;
  assert.ok(a.cpa > 1.5 * h.cpa, `CPA ${a.cpa} vs ${h.cpa}`);
  assert.ok(a.churned / a.newCustomers > 0.5, 'most of the cohort churned');
  assert.ok(
    a.unrecoveredCost > 5 * h.unrecoveredCost,
    `unrecovered ${a.unrecoveredCost} vs ${h.unrecoveredCost}`,
  );
});

test('active_decline: active customers fall while revenue still grows', async () => {
  const m = await run('active_decline');
  assert.ok(m.active < 0.95 * m.activePrev, `active ${m.active} vs ${m.activePrev} a year ago`);
  assert.ok(m.revenue > m.revenuePrev, `revenue ${m.revenue} vs ${m.revenuePrev}`);
  assert.ok(
    m.revenue / m.active > 1.25 * (m.revenuePrev / m.activePrev),
    'spend per active customer rises',
  );
});
