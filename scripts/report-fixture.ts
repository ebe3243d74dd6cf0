// Writes src/report/fixtures/report-v<N>.json: the stored report of a small hand-made business
// (30 customers over two years, guests, order lines, channels, contacts) as `kenshin checkup`
// stores it, with computed_at and timings fixed so that the file only changes with the
// contract. report/parse.test.ts reads every version's file back through parseReport: run this
// after bumping REPORT_VERSION and keep the older files (stored reports keep loading).
//   node --import tsx scripts/report-fixture.ts [out.json]
import { writeFileSync } from 'node:fs';
import { parseSettings } from '../src/domain/settings.js';
import { closeStore } from '../src/store/db.js';
import {
  exec,
  insertContacts,
  insertOrders,
  memoryStore,
  type OrderRow,
} from '../src/store/fixtures.js';
import { computeCheckup, storeCheckup } from '../src/checkup/run.js';

const AS_OF = '2024-12-31';

function orders(): OrderRow[] {
  const out: OrderRow[] = [];
  for (let c = 1; c <= 30; c++)
    for (let m = 0; m < 24; m += 1 + (c % 3))
      out.push({
        customer_id: `C${c}`,
        at: `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-${String(1 + (c % 27)).padStart(2, '0')}`,
        amount: 1000 + c * 10,
        discount_amount: c % 5 === 0 ? 100 : undefined,
      });
  for (let g = 1; g <= 6; g++)
    out.push({ order_id: `g${g}`, customer_id: null, at: `2024-0${g}-15`, amount: 3000 });
  return out;
}

const store = await memoryStore();
try {
  await insertOrders(store.conn, orders());
  await exec(
    store.conn,
    `INSERT INTO customers (customer_id, acquisition_channel)
     SELECT 'C' || i, CASE WHEN i % 4 = 0 THEN NULL ELSE (['web_ad', 'search', 'sns'])[1 + i % 3] END FROM range(1, 26) t(i)`,
  );
  await exec(
    store.conn,
    `INSERT INTO order_items SELECT order_id, 1, 'SKU' || CAST(hash(order_id) % 4 AS BIGINT), NULL, (['food', 'care'])[1 + CAST(hash(order_id) % 2 AS BIGINT)], 1, amount
     FROM orders WHERE customer_id IS NOT NULL AND hash(order_id) % 3 <> 0`,
  );
  await insertContacts(
    store.conn,
    Array.from({ length: 60 }, (_, i) => ({
      customer_id: `C${1 + (i % 30)}`,
      at: `2024-${String(1 + (i % 12)).padStart(2, '0')}-05`,
    })),
  );
  const report = await computeCheckup(store.conn, parseSettings({}), AS_OF);
  await storeCheckup(store.conn, {
    ...report,
    computed_at: '2025-01-01T00:00:00.000Z',
    timings: {},
  });
  const text = String(
    (await store.conn.runAndReadAll(`SELECT report FROM checkups`)).getRows()[0][0],
  );
  const out = process.argv[2] ?? `src/report/fixtures/report-v${report.report_version}.json`;
  writeFileSync(out, text + '\n');
  process.stdout.write(`${out}: report version ${report.report_version}, ${text.length} bytes\n`);
} finally {
  closeStore(store);
}
