// Benchmark of the backtest (issue 14: a 365-day backtest of 100,000 customers / 1M orders in
// under 5 minutes on this 2-core machine). Replays `days` consecutive days ending on D on a
// synthetic business (bench/synthetic.ts) and states the time per day, the 365-day total it
// implies against the 300 s target, and, side by side in the same run, one full daily checkup
// of D (the baseline a replayed day is measured against). Every replayed day is a whole
// checkup but the sections no rule reads (jobs/backtest.ts REPLAY_SKIPS): nothing is carried
// over from one day to the next yet (the incremental state of issue 13).
// Run: node --import tsx bench/backtest.bench.ts [customers] [days]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeStore, openStore } from '../src/store/db.js';
import { parseSettings } from '../src/domain/settings.js';
import { addDays } from '../src/domain/dates.js';
import { computeCheckup } from '../src/checkup/run.js';
import { REPLAY_SKIPS, runBacktest } from '../src/jobs/backtest.js';
import { fillSynthetic } from './synthetic.js';

const AS_OF = '2026-10-31';
const TARGET_365_S = 300;

/** Returns the figures of one backtest run. */
export async function benchBacktest(
  customers = 100_000,
  days = 14,
): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-bench-bt-'));
  const store = await openStore(join(dir, 'b.duckdb'));
  try {
    const counts = await fillSynthetic(store.conn, {
      customers,
      ordersPerCustomer: 10,
      contactsPerCustomer: 0,
    });
    const settings = parseSettings({});
    const t0 = performance.now();
    const full = await computeCheckup(store.conn, settings, AS_OF);
    const fullSeconds = (performance.now() - t0) / 1000;
    const r = await runBacktest(store.conn, settings, addDays(AS_OF, -(days - 1)), AS_OF);
    const total365 = r.seconds_per_day * 365;
    const day = await computeCheckup(store.conn, settings, AS_OF, { skip: REPLAY_SKIPS });
    const slowest = Object.entries(day.timings)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([k, v]) => `${k} ${v.toFixed(2)} s`)
      .join(', ');
    return {
      rows: `${counts.customers} customers / ${counts.orders} orders`,
      replayed_days: r.days,
      seconds_per_day: +r.seconds_per_day.toFixed(2),
      full_checkup_s: +fullSeconds.toFixed(2),
      ratio_day_to_full_checkup: +(r.seconds_per_day / fullSeconds).toFixed(2),
      implied_365_day_s: Math.round(total365),
      target_365_day_s: TARGET_365_S,
      met: total365 <= TARGET_365_S ? 'yes' : 'no',
      slowest_sections_of_a_day: slowest,
      clv_in_the_daily_checkup_s: full.timings.clv ?? 0,
      recomputed_each_day: 'every section but clv (no carried-over state yet)',
    };
  } finally {
    closeStore(store);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [c, d] = process.argv.slice(2).map(Number);
  console.log(await benchBacktest(c || undefined, d || undefined));
}
