// `kenshin demo-data DIR`: writes a seeded demo mail-order business as canonical CSV (see
// docs/import-formats.md), healthy or with a planted problem, with a progress bar on a terminal.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { UserError } from './common.js';
import { generateDemoData, type DemoSummary } from '../demo/generator.js';
import { DemoOptionError } from '../demo/options.js';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from '../demo/scenario.js';

interface Flags {
  customers: string;
  seed: string;
  endDate: string;
  years: string;
  scenario: string;
  ordersPerCustomer?: string;
  contactsPerActive?: string;
}

/** Registers the demo-data command. */
export function register(program: Command): void {
  program
    .command('demo-data')
    .description('generate a demo mail-order business as CSV / デモ用の通販データ（CSV）を生成')
    .argument('<dir>', 'output directory / 出力先ディレクトリ')
    .option('--customers <n>', 'customers acquired over the history, 300–1,000,000', '5000')
    .option('--seed <n>', 'random seed (same seed → same files)', '1')
    .option('--end-date <date>', 'last order date YYYY-MM-DD', '2026-10-31')
    .option('--years <n>', 'years of history, 2–10', '4')
    .option('--scenario <name>', `healthy or a planted problem (see below)`, 'healthy')
    .option(
      '--orders-per-customer <n>',
      'orders per customer over the history (default: the model’s own, about 4–5)',
    )
    .option('--contacts-per-active <n>', 'contacts per active customer per year', '12')
    .addHelpText(
      'after',
      `\nScenarios:\n${SCENARIO_NAMES.map((n) => `  ${n.padEnd(26)} ${SCENARIOS[n].description}`).join('\n')}\n`,
    )
    .action(async (dir: string, flags: Flags) => {
      const started = Date.now();
      const bar = process.stderr.isTTY ? progressBar() : null;
      let summary: DemoSummary;
      try {
        summary = await generateDemoData({
          dir,
          customers: integer('--customers', flags.customers),
          seed: integer('--seed', flags.seed),
          endDate: flags.endDate,
          years: integer('--years', flags.years),
          scenario: flags.scenario as ScenarioName,
          ordersPerCustomer:
            flags.ordersPerCustomer === undefined
              ? undefined
              : decimal('--orders-per-customer', flags.ordersPerCustomer),
          contactsPerActivePerYear:
            flags.contactsPerActive === undefined
              ? undefined
              : decimal('--contacts-per-active', flags.contactsPerActive),
          onProgress: bar ? (done, total) => bar.update(done, total) : undefined,
        });
      } catch (err) {
        if (err instanceof DemoOptionError) throw new UserError(err.code, err.message, 2);
        throw err;
      } finally {
        bar?.stop();
      }
      process.stdout.write(summaryLine(summary, (Date.now() - started) / 1000) + '\n');
    });
}

// The progress bar goes to stderr so that stdout carries only the summary line. It starts on
// the first report, when the total is known.
function progressBar(): { update(done: number, total: number): void; stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '顧客 customers {bar} {percentage}% | {value}/{total} | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(total, done);
      else bar.update(done);
      started = true;
    },
    stop: () => started && bar.stop(),
  };
}

function integer(flag: string, value: string): number {
  const n = Number(value.replaceAll(',', '').replaceAll('_', ''));
  if (!/^[\d,_]+$/.test(value) || !Number.isSafeInteger(n))
    throw new UserError(
      'bad_argument',
      `${flag} は整数で指定してください: ${value} / ${flag} must be an integer: ${value}`,
      2,
    );
  return n;
}

function decimal(flag: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new UserError(
      'bad_argument',
      `${flag} は数値で指定してください: ${value} / ${flag} must be a number: ${value}`,
      2,
    );
  return n;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

function summaryLine(s: DemoSummary, seconds: number): string {
  const c = s.counts;
  return (
    `demo-data: ${fmt(c.customers)} customers, ${fmt(c.orders)} orders (${fmt(c.guest_orders)} guest), ${fmt(c.order_items)} lines, ` +
    `${fmt(c.contacts)} contacts, ${fmt(c.leads)} leads, ${s.startDate} … ${s.endDate}, scenario ${s.scenario.name} → ${s.dir} (${seconds.toFixed(1)} s)`
  );
}
