// Benchmark of the full checkup on synthetic businesses of 10k, 100k and 1M customers (10
// orders and 20 contacts each), against the engine's floor: the core metrics as one
// hand-written DuckDB query. Run: node --import tsx bench/checkup.bench.ts [sizes…]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeStore, openStore } from '../src/store/db.js';
import { parseSettings } from '../src/domain/settings.js';
import { computeCheckup, storeCheckup } from '../src/checkup/run.js';
import { fillSynthetic } from './synthetic.js';

const FLOOR = `
  WITH c AS (
    SELECT customer_id,
      bool_or(CAST(ordered_at AS DATE) >= DATE '2026-10-31' - 364) AS cur,
      bool_or(CAST(ordered_at AS DATE) BETWEEN DATE '2026-10-31' - 729 AND DATE '2026-10-31' - 365) AS base,
      min(CAST(ordered_at AS DATE)) AS first_d,
      sum(amount) FILTER (WHERE CAST(ordered_at AS DATE) >= DATE '2026-10-31' - 364) AS rev
    FROM orders WHERE status = 'completed' AND amount > 0 AND customer_id IS NOT NULL
      AND CAST(ordered_at AS DATE) <= DATE '2026-10-31'
    GROUP BY customer_id)
  SELECT count(*) FILTER (WHERE cur), sum(rev), count(*) FILTER (WHERE base),
    count(*) FILTER (WHERE cur AND base), count(*) FILTER (WHERE cur AND first_d >= DATE '2026-10-31' - 364)
  FROM c`;

/** Returns timings of the full checkup and the floor query per size (seconds, MiB). */
export async function benchCheckup(sizes = [10_000, 100_000, 1_000_000]): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  for (const customers of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'kenshin-bench-'));
    const path = join(dir, 'b.duckdb');
    let store = await openStore(path);
    try {
      const t0 = performance.now();
      const counts = await fillSynthetic(store.conn, { customers, ordersPerCustomer: 10, contactsPerCustomer: 20 });
      const gen = (performance.now() - t0) / 1000;
      // The daily checkup opens a stored database (kenshin checkup, daily): close the writer
      // and open the file afresh, as a new run would.
      closeStore(store);
      store = await openStore(path);
      const t1 = performance.now();
      await store.conn.run(FLOOR);
      const floor = (performance.now() - t1) / 1000;
      const t2 = performance.now();
      const report = await computeCheckup(store.conn, parseSettings({}), '2026-10-31');
      await storeCheckup(store.conn, report);
      const full = (performance.now() - t2) / 1000;
      const k = `${customers / 1000}k`;
      out[`${k}.rows`] = `${counts.customers} customers / ${counts.orders} orders / ${counts.contacts} contacts`;
      out[`${k}.generate_s`] = +gen.toFixed(2);
      out[`${k}.floor_query_s`] = +floor.toFixed(3);
      out[`${k}.full_checkup_s`] = +full.toFixed(2);
      out[`${k}.ratio_full_to_floor`] = +(full / floor).toFixed(1);
      out[`${k}.sections`] = JSON.stringify(report.timings);
      out[`${k}.peak_rss_mib`] = Math.round(process.resourceUsage().maxRSS / 1024);
      console.log(k, JSON.stringify(Object.fromEntries(Object.entries(out).filter(([x]) => x.startsWith(k)))));
    } finally {
      closeStore(store);
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv.slice(2).map(Number);
  await benchCheckup(sizes.length ? sizes : undefined);
}
