// kenshin clv's model options end to end on a stored shop: --model mbgnbd, --unit, --penalizer,
// and the parameters by name in --json.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStore, openStore } from '../src/store/db.js';
import { kenshin } from './helpers/cli.js';
import { insertOrders, type OrderRow } from '../src/store/fixtures.js';
import { addDays } from '../src/domain/dates.js';
import { Random } from '../src/domain/models/random.js';

const dir = mkdtempSync(join(tmpdir(), 'kenshin-clv-'));
const db = join(dir, 'shop.duckdb');

// 3,000 customers of an MBG/NBD business in days (r 0.8, α 60 days, a 0.9, b 3), first buying
// over two years up to 2024-06-30; purchases on one day are one purchase day, as stored.
function orders(): OrderRow[] {
  const rng = new Random(3);
  const out: OrderRow[] = [];
  for (let c = 0; c < 3000; c++) {
    const lambda = rng.gamma(0.8, 60);
    const p = rng.beta(0.9, 3);
    const first = Math.floor(rng.uniform() * 730);
    // Gamma-gamma spend with a heavy tail across customers (q 0.8 < 1: no finite mean spend).
    const nu = rng.gamma(0.8, 20);
    let t = first;
    const buy = (day: number) =>
      out.push({
        customer_id: `C${c}`,
        at: addDays('2022-07-01', Math.floor(day)),
        amount: 1 + Math.round(rng.gamma(2, nu)),
      });
    buy(t);
    while (rng.uniform() >= p) {
      t += rng.exponential(lambda);
      if (t >= 730) break;
      buy(t);
    }
  }
  return out;
}

before(async () => {
  const store = await openStore(db);
  await insertOrders(store.conn, orders());
  closeStore(store);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function clv(...args: string[]) {
  const r = kenshin(['--db', db, 'clv', '--json', '--as-of', '2024-06-30', ...args]);
  return { status: r.status, err: r.err, json: r.status === 0 ? JSON.parse(r.out) : null };
}

test('--model mbgnbd --unit month: parameters by name, times in months', () => {
  const weeks = clv('--model', 'mbgnbd');
  const months = clv('--model', 'mbgnbd', '--unit', 'month');
  assert.equal(months.status, 0, months.err);
  assert.equal(months.json.model, 'mbgnbd');
  assert.equal(months.json.unit, 'months');
  assert.deepEqual(Object.keys(months.json.params).sort(), ['a', 'alpha', 'b', 'r']);
  // Each parameter with its standard error (from the Hessian).
  for (const k of ['r', 'alpha', 'a', 'b'])
    assert.ok(months.json.fit.standard_errors[k] > 0, `standard error of ${k}`);
  // α is a time scale: in months it is about the weeks' α × 7 / 30.44 (the fit is the same model).
  const ratio = months.json.params.alpha / weeks.json.params.alpha;
  assert.ok(Math.abs(ratio / (7 / (365.25 / 12)) - 1) < 0.02, `α ratio ${ratio}`);
  assert.ok(Math.abs(months.json.params.r / weeks.json.params.r - 1) < 0.02);
});

test('--penalizer shrinks the parameters; bad values are refused in both languages', () => {
  const plain = clv();
  const shrunk = clv('--penalizer', '0.5');
  assert.equal(shrunk.status, 0, shrunk.err);
  const sum = (p: Record<string, number>) => Object.values(p).reduce((s, x) => s + x, 0);
  assert.ok(sum(shrunk.json.params) < sum(plain.json.params));
  const bad = clv('--unit', 'year');
  assert.notEqual(bad.status, 0);
  assert.match(bad.err, /--unit は day, week, month/);
  assert.match(clv('--penalizer', '-1').err, /--penalizer must be a number ≥ 0/);
});

test('--q-constraint reaches the spend model: q held above 1 where the free fit finds none', () => {
  const free = clv();
  assert.equal(free.json.spend, null, 'no finite mean spend without the constraint');
  assert.ok(free.json.warnings.some((w: string) => /q ≤ 1/.test(w)));
  const held = clv('--q-constraint');
  assert.equal(held.status, 0, held.err);
  assert.ok(held.json.spend.params.q > 1, JSON.stringify(held.json.spend));
  assert.ok(held.json.spend.fit.standard_errors.q > 0);
});

test('--save-model then --load-model: the same parameters and predictions without refitting', () => {
  const file = join(dir, 'model.json');
  const first = clv('--model', 'mbgnbd', '--save-model', file);
  assert.equal(first.status, 0, first.err);
  const again = clv('--load-model', file);
  assert.equal(again.status, 0, again.err);
  assert.equal(again.json.model, 'mbgnbd');
  assert.deepEqual(again.json.params, first.json.params);
  assert.deepEqual(again.json.totals, first.json.totals);
  // The file is not replaced without --force; a foreign file is refused with what is wrong.
  assert.match(clv('--save-model', file).err, /--force/);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ kenshin_model: 1, model: 'bgnbd', params: { r: 1 } }));
  assert.match(clv('--load-model', bad).err, /not a kenshin model file/);
  // What a saved model fixes cannot be asked for again.
  assert.match(
    clv('--load-model', file, '--unit', 'day').err,
    /--unit cannot be used with --load-model/,
  );
  assert.match(
    clv('--load-model', file, '--model', 'pareto').err,
    /--model cannot be used with --load-model/,
  );
});

test('--summary FILE fits the CDNOW summaries with no database: BG/NBD r .243, α 4.414, a .793, b 2.426', () => {
  const file = new URL('../../shared/data/cdnow/cdnow_customers_summary.csv', import.meta.url)
    .pathname;
  const r = kenshin(['--db', join(dir, 'none.duckdb'), 'clv', '--summary', file]);
  assert.equal(r.status, 0, r.err);
  const j = JSON.parse(r.out);
  const near = (x: number, want: number) => Math.abs(x - want) < 1.5e-3;
  assert.ok(
    near(j.params.r, 0.243) &&
      near(j.params.alpha, 4.414) &&
      near(j.params.a, 0.793) &&
      near(j.params.b, 2.426),
    JSON.stringify(j.params),
  );
  assert.equal(j.fit.customers, 2357);
  assert.ok(!existsSync(join(dir, 'none.duckdb')), 'no database is created');
  const both = kenshin(['clv', '--summary', file, '--holdout-days', '30']);
  assert.notEqual(both.status, 0);
  assert.match(both.err, /--holdout-days cannot be used with --summary/);
});
