// `kenshin simulate [FILE.json] [--preset seed003]`: seed 003's cohort model (SPEC §7) for one
// retention rate or side by side for several. Thin: reads the scenario, calls
// domain/models/simulation.ts, prints a table or JSON. No database is opened.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from './common.js';
import {
  PRESETS,
  Scenario,
  sensitivity,
  simulate,
  toYears,
  type SimulationRow,
} from '../domain/models/simulation.js';

interface SimulateOpts {
  preset?: string;
  retention?: string;
  years?: string;
  sensitivity?: string;
  monthly?: boolean;
  json?: boolean;
}

/** Registers `kenshin simulate`. */
export function registerSimulate(program: Command): void {
  program
    .command('simulate [file]')
    .description(
      'cohort simulation of active customers and revenue (seed 003) / 稼働顧客と年商のシミュレーション',
    )
    .option(
      '--preset <name>',
      `built-in scenario: ${Object.keys(PRESETS).join(', ')} (default when no file)`,
    )
    .option(
      '--retention <r>',
      'retention rate 0–1, or a comma list by tenure year (2年目, 3年目, …)',
    )
    .option('--years <n>', 'years to simulate (default: the scenario’s, 10)')
    .option('--sensitivity <list>', 'compare constant retention rates, e.g. 0.45,0.6,0.7,0.93')
    .option('--monthly', 'monthly periods (yearly totals printed; --json also lists the months)')
    .option('--json', 'print JSON')
    .action((file: string | undefined, opts: SimulateOpts) => {
      const scenario = loadScenario(file, opts);
      const out = process.stdout;
      if (opts.sensitivity) {
        const rates = parseRates(opts.sensitivity, '--sensitivity');
        const table = sensitivity(scenario, rates);
        if (opts.json)
          return void out.write(JSON.stringify({ scenario, sensitivity: table }, null, 2) + '\n');
        out.write(`${scenario.name ?? 'scenario'}: 顧客維持率別 / by retention rate\n\n`);
        const head = ['年 Year', '新規 New', ...rates.map((r) => `${pct(r)}`)];
        out.write('年商 Revenue (億円)\n');
        out.write(
          formatTable(
            head,
            table.map((row) => [
              row.year,
              count(row.new_customers),
              ...row.by_rate.map((b) => oku(b.revenue)),
            ]),
          ),
        );
        out.write('\n稼働顧客数 Active customers\n');
        out.write(
          formatTable(
            head,
            table.map((row) => [
              row.year,
              count(row.new_customers),
              ...row.by_rate.map((b) => count(b.active_customers)),
            ]),
          ),
        );
        return;
      }
      const monthly = simulate(scenario, { periodsPerYear: opts.monthly ? 12 : 1 });
      const years = toYears(monthly, scenario);
      if (opts.json) {
        return void out.write(
          JSON.stringify(
            {
              scenario,
              years: rounded(years),
              ...(opts.monthly ? { months: rounded(monthly) } : {}),
            },
            null,
            2,
          ) + '\n',
        );
      }
      const r = scenario.retention_rate;
      out.write(
        `${scenario.name ?? 'scenario'}: 顧客維持率 retention ${Array.isArray(r) ? r.map(pct).join(' → ') : pct(r)}`,
      );
      out.write(opts.monthly ? ' (monthly periods / 月次)\n\n' : '\n\n');
      out.write(
        formatTable(
          ['年 Year', '新規 New', '稼働顧客 Active', '年間LTV (¥)', '年商 Revenue (¥)', '億円'],
          years.map((y) => [
            y.year,
            count(y.new_customers),
            count(y.active_customers),
            count(y.annual_ltv),
            count(y.revenue),
            oku(y.revenue),
          ]),
        ),
      );
    });
}

function loadScenario(file: string | undefined, opts: SimulateOpts): Scenario {
  let raw: unknown;
  if (file) {
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new UserError(
        'bad_scenario',
        `シナリオを読めません / cannot read scenario ${file}: ${(err as Error).message}`,
      );
    }
  } else {
    const name = opts.preset ?? 'seed003';
    raw = PRESETS[name];
    if (!raw)
      throw new UserError(
        'bad_preset',
        `プリセットがありません / no preset "${name}" (${Object.keys(PRESETS).join(', ')})`,
      );
  }
  const overrides: Record<string, unknown> = {};
  if (opts.retention) {
    const rates = parseRates(opts.retention, '--retention');
    overrides.retention_rate = rates.length === 1 ? rates[0] : rates;
  }
  if (opts.years) overrides.years = Number(opts.years);
  const parsed = Scenario.safeParse({ ...(raw as object), ...overrides });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new UserError('bad_scenario', `シナリオが不正です / invalid scenario: ${issues}`);
  }
  return parsed.data;
}

function parseRates(list: string, flag: string): number[] {
  const rates = list.split(',').map((s) => Number(s.trim()));
  if (!rates.length || rates.some((r) => !(r >= 0 && r <= 1))) {
    throw new UserError(
      'bad_rate',
      `${flag} は 0〜1 の数です / ${flag} takes rates between 0 and 1: ${list}`,
    );
  }
  return rates;
}

// JSON keeps customers to 0.1 and yen whole: the model's fractions are expected values.
function rounded(rows: SimulationRow[]): SimulationRow[] {
  return rows.map((r) => ({
    ...r,
    active_customers: Math.round(r.active_customers * 10) / 10,
    revenue: Math.round(r.revenue),
    annual_ltv: Math.round(r.annual_ltv),
  }));
}

const pct = (r: number): string => `${+(r * 100).toFixed(1)} %`;
const count = (n: number): string => Math.round(n).toLocaleString('en-US');
const oku = (yen: number): string => (yen / 1e8).toFixed(2);

// Right-aligned columns; CJK characters take two terminal cells.
function formatTable(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, j) => Math.max(...cells.map((r) => cellWidth(r[j]))));
  return (
    cells
      .map((r) => r.map((c, j) => ' '.repeat(widths[j] - cellWidth(c)) + c).join('  '))
      .join('\n') + '\n'
  );
}

function cellWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6]/.test(ch)
      ? 2
      : 1;
  return w;
}
