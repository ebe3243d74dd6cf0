// audit.unrecovered_cost on hand-made audit cells: only matured months count, the share is of
// their spend, small channels stay silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSettings } from '../../settings.js';
import type { DiagnosisInput } from '../input.js';
import type { AuditCell } from '../../../report/index.js';
import { auditDiagnosis, maturedChannels } from './audit.js';

const AS_OF = '2024-12-31';

function cell(
  month: string,
  channel: string,
  spend: number,
  n: number,
  lost: number,
  lostCost: number,
): AuditCell {
  return {
    month,
    channel,
    ad_spend: spend,
    new_customers: n,
    customers_with_cpa: n,
    cpa: spend / n,
    active: n - lost,
    churned: lost,
    gross_profit: 0,
    gross_profit_per_customer: 0,
    recovered: 0,
    recovered_share: 0,
    unrecovered_customers: lost,
    unrecovered_cost: lostCost,
  };
}

const input = (cells: AuditCell[]) =>
  ({ as_of: AS_OF, asset_audit: { cells } }) as unknown as DiagnosisInput;
const settings = parseSettings({});

test('matured months are those whose last day is 365 days or more before D', () => {
  // D − 365 = 2023-12-31 (2024 is a leap year): 2023-12 is matured, 2024-01 is not.
  const m = maturedChannels(
    [cell('2023-12', 'ad', 1000, 10, 5, 300), cell('2024-01', 'ad', 9000, 10, 0, 0)],
    AS_OF,
  );
  assert.deepEqual(m, [
    {
      channel: 'ad',
      from_month: '2023-12',
      to_month: '2023-12',
      ad_spend: 1000,
      new_customers: 10,
      churned: 5,
      unrecovered_customers: 5,
      unrecovered_cost: 300,
      unrecovered_share: 0.3,
    },
  ]);
});

test('a channel losing 60 % of its matured spend is critical; the worst is named, others listed', () => {
  const f = auditDiagnosis({
    input: input([
      cell('2023-01', 'affiliate', 100_000, 50, 40, 40_000),
      cell('2023-02', 'affiliate', 100_000, 50, 35, 80_000),
      cell('2023-03', 'web', 100_000, 100, 30, 30_000),
      cell('2023-03', 'search', 100_000, 100, 30, 5_000),
      cell('2024-06', 'affiliate', 900_000, 50, 0, 0), // young: does not dilute
    ]),
    settings,
  });
  assert.equal(f.length, 1);
  assert.equal(f[0].id, 'audit.unrecovered_cost');
  assert.equal(f[0].severity, 'critical');
  assert.equal(f[0].evidence.channel, 'affiliate');
  assert.equal(f[0].evidence.unrecovered_share, 0.6);
  assert.equal(f[0].evidence.unrecovered_customers, 75);
  // web lost 30 % of 100 customers' cost: z = (0.30 − 0.25) / √(0.25 · 0.75 / 100) = 1.15,
  // inside the noise of 100 customers, so it is not listed.
  assert.equal(f[0].evidence.channels, 'affiliate');
  assert.equal(f[0].evidence.unrecovered_cost_all_channels, 120_000);
  assert.match(f[0].cause.en, /churned before repaying/);
});

test('silent below the share threshold, inside its noise and with too few unrecovered customers', () => {
  assert.equal(
    auditDiagnosis({ input: input([cell('2023-01', 'a', 100_000, 100, 30, 20_000)]), settings })
      .length,
    0,
  );
  // 40 % lost, but by 5 customers: a small business's noise.
  assert.equal(
    auditDiagnosis({ input: input([cell('2023-01', 'a', 10_000, 10, 5, 4_000)]), settings }).length,
    0,
  );
  // 30 % lost by 25 of 100 customers: above 25 %, but z = 1.15, inside the noise: silent.
  assert.equal(
    auditDiagnosis({ input: input([cell('2023-01', 'a', 100_000, 100, 25, 30_000)]), settings })
      .length,
    0,
  );
  // 40 % lost by 40 of 100: z = 0.15 / 0.0433 = 3.46, a warning naming its test.
  const [w] = auditDiagnosis({
    input: input([cell('2023-01', 'a', 100_000, 100, 40, 40_000)]),
    settings,
  });
  assert.equal(w.severity, 'warning');
  assert.equal(
    w.test.en,
    'one-proportion z-test against the threshold (out of the new customers): z = 3.5 (threshold |z| ≥ 2)',
  );
});
