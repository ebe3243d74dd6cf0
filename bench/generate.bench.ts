// Benchmark of `kenshin demo-data`: 1,000,000 customers with about 10 orders each (~10M orders,
// ~17M order lines) and ~20M contacts, written to a temporary directory that is deleted after.
// Target: a few minutes at most on a 2-core machine, peak RSS well under 2 GiB.
//
// Run alone: node --import tsx bench/generate.bench.ts [customers]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateDemoData } from '../src/demo/generator.js';

/** Returns the generator's wall and CPU time (s), rows, file sizes (MiB) and peak RSS (MiB). */
export async function benchGenerate(
  customers = 1_000_000,
): Promise<Record<string, number | string>> {
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-demo-bench-'));
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const s = await generateDemoData({
      dir,
      customers,
      seed: 1,
      ordersPerCustomer: 10,
      contactsPerActivePerYear: 12,
    });
    const wall = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const out: Record<string, number | string> = {
      customers: s.counts.customers,
      orders: s.counts.orders,
      order_items: s.counts.order_items,
      contacts: s.counts.contacts,
      leads: s.counts.leads,
      wall_s: +wall.toFixed(1),
      // The machine is shared: CPU time is the steadier figure when other work competes.
      cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(1),
      rows_per_s: Math.round((s.counts.orders + s.counts.order_items + s.counts.contacts) / wall),
      total_mib: Math.round(s.files.reduce((a, f) => a + f.bytes, 0) / 2 ** 20),
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    };
    for (const f of s.files) out[`${f.name}_mib`] = +(f.bytes / 2 ** 20).toFixed(1);
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const customers = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(JSON.stringify(await benchGenerate(customers), null, 2));
}
