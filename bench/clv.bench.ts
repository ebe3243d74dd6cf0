// CLV model benchmark: 1,000,000 BG/NBD customers simulated with CDNOW's parameters (weeks,
// first purchases spread over a year, observed 52–104 weeks), times rounded to whole days as
// stored data are, grouped into distinct (x, t_x, T) triples as the store's SQL does, then
// fitted. Target: the BG/NBD fit on the triples < 5 s. For comparison the same fit on all
// 1,000,000 rows (same days, no grouping), and how far the estimates land from the truth.
//
// Run alone: node --import tsx bench/clv.bench.ts [customers]
import { pathToFileURL } from 'node:url';
import { BgNbd } from '../src/domain/models/bgnbd.js';
import { aggregateTriples } from '../src/domain/models/data.js';
import { simulateBgNbd, spreadT } from '../src/domain/models/generate.js';
import { Random } from '../src/domain/models/random.js';

const TRUTH = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

// Wall-clock seconds taken by fn, with its result; CPU seconds go to `cpu` (the machine may be
// shared, and the CPU time is what the code costs).
const cpu: Record<string, number> = {};
function timed<T>(name: string, fn: () => T): [T, number] {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = fn();
  const c = process.cpuUsage(c0);
  cpu[name] = (c.user + c.system) / 1e6;
  return [out, (performance.now() - t0) / 1000];
}

/** Returns the benchmark figures (seconds, counts, relative errors) and prints them. */
export async function benchClv(customers = 1_000_000): Promise<Record<string, number | string>> {
  const [sim, simulateS] = timed('simulate', () =>
    simulateBgNbd(TRUTH, spreadT(customers, 52, 104), new Random(20250601)),
  );
  const [triples, groupS] = timed('group', () => aggregateTriples(sim, 1 / 7));
  const [fit, fitS] = timed('fit', () => BgNbd.fit(triples));
  // The same days, one row per customer: the fit must agree with the one on triples.
  const day = (v: number): number => Math.round(v * 7) / 7;
  const rows = { frequency: sim.frequency, recency: sim.recency.map(day), T: sim.T.map(day) };
  const [full, fullS] = timed('full', () => BgNbd.fit(rows));
  const rel = (k: keyof typeof TRUTH): string =>
    `${((fit.model.params[k] / TRUTH[k] - 1) * 100).toFixed(2)} %`;
  const out: Record<string, number | string> = {
    customers,
    distinct_triples: triples.frequency.length,
    simulate_s: round(simulateS),
    group_triples_s: round(groupS),
    fit_triples_s: round(fitS),
    fit_triples_cpu_s: round(cpu.fit),
    fit_triples_iterations: fit.info.iterations,
    fit_triples_converged: String(fit.info.converged),
    fit_all_rows_s: round(fullS),
    fit_all_rows_cpu_s: round(cpu.full),
    log_likelihood: round(fit.info.logLikelihood),
    error_r: rel('r'),
    error_alpha: rel('alpha'),
    error_a: rel('a'),
    error_b: rel('b'),
    target_fit_s: 5,
    verdict: fitS < 5 ? 'ok' : 'SLOW',
  };
  if (
    Math.abs(full.info.logLikelihood - fit.info.logLikelihood) >
    1e-6 * Math.abs(fit.info.logLikelihood)
  ) {
    out.warning = `fits disagree: LL ${full.info.logLikelihood} on all rows`;
  }
  for (const [k, v] of Object.entries(out)) process.stdout.write(`${k.padEnd(24)} ${v}\n`);
  return out;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await benchClv(process.argv[2] ? Number(process.argv[2]) : undefined);
}
