// `kenshin clv`: fits BG/NBD, MBG/NBD or Pareto/NBD and gamma-gamma on the database's purchases and
// prints the parameters, the top customers by predicted CLV and, with --holdout-days, the
// holdout validation table; --csv writes every customer's predictions. Thin: the summaries
// come from store/clv-summary.ts, the models from domain/models/clv-report.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkOutputFile, UserError, withStore } from './common.js';
import { addDays, isIsoDate } from '../domain/dates.js';
import { aggregateTriples } from '../domain/models/data.js';
import { parseSummaries, type Summaries } from '../domain/models/summary-file.js';
import { parseSavedModel, type SavedModel } from '../domain/models/saved-model.js';
import {
  buildClvReport,
  savedModelOf,
  type ClvReport,
  type PurchaseModelName,
} from '../domain/models/clv-report.js';
import {
  UNIT_DAYS,
  exportClvCsv,
  latestPurchaseDate,
  savePredictions,
  spendGroups,
  summaryTriples,
  topCustomersByClv,
  type CustomerClv,
  type SummaryPeriod,
  type TimeUnit,
} from '../store/clv-summary.js';

interface ClvOpts {
  asOf?: string;
  model: string;
  horizonDays: string;
  discountRate: string;
  holdoutDays?: string;
  top: string;
  csv?: string;
  force?: boolean;
  json?: boolean;
  unit: string;
  penalizer: string;
  qConstraint?: boolean;
  saveModel?: string;
  loadModel?: string;
  summary?: string;
}

// --unit as people say it, and the summaries' unit.
const UNITS: Record<string, TimeUnit> = { day: 'days', week: 'weeks', month: 'months' };

/** Registers `kenshin clv`. */
export function registerClv(program: Command): void {
  program
    .command('clv')
    .description(
      'customer lifetime value: BG/NBD, MBG/NBD or Pareto/NBD + gamma-gamma / 顧客生涯価値の予測',
    )
    .option('--as-of <date>', 'end of the data used, YYYY-MM-DD (default: the last purchase date)')
    .option('--model <name>', 'bgnbd, mbgnbd (one-time buyers may have left) or pareto', 'bgnbd')
    .option('--horizon-days <n>', 'CLV and expected-purchase horizon in days', '365')
    .option('--discount-rate <r>', 'annual discount rate, applied monthly', '0.1')
    .option('--holdout-days <n>', 'fit up to as-of − N days and validate on the last N days')
    .option('--top <n>', 'customers to list', '10')
    .option('--csv <path>', 'write every customer’s p_alive, expected purchases and CLV')
    .option('--force', 'replace an existing --csv file')
    .option('--json', 'print JSON')
    .option('--unit <unit>', 'time unit of the model: day, week or month', 'week')
    .option('--q-constraint', 'hold the spend model’s q above 1 (a finite mean spend)')
    .option('--penalizer <x>', 'L2 penalty on the parameters (as lifetimes’ penalizer_coef)', '0')
    .option('--save-model <path>', 'write the fitted models as JSON (with --force over a file)')
    .option('--load-model <path>', 'use a saved model instead of fitting (its time unit)')
    .option(
      '--summary <file>',
      'fit from a CSV of frequency, recency, T[, monetary_value] instead of the database',
    )
    .action(async (opts: ClvOpts, cmd: Command) => {
      if (opts.saveModel)
        checkOutputFile(opts.saveModel, { flag: '--save-model', force: opts.force });
      const saved = opts.loadModel ? readSavedModel(opts.loadModel) : undefined;
      const given = (name: string) => cmd.getOptionValueSource(name) === 'cli';
      // Options the chosen path would not use are refused, not silently dropped.
      const unused = [
        ...(saved ? ['model', 'penalizer', 'qConstraint'].filter(given) : []),
        ...(saved && given('unit') && UNITS[opts.unit] !== unitOf(saved.unit_days) ? ['unit'] : []),
        ...(opts.summary ? ['asOf', 'holdoutDays', 'csv', 'top'].filter(given) : []),
      ];
      if (unused.length)
        throw new UserError(
          'conflicting_options',
          `${unused.map(flagOf).join(', ')} は ${saved ? '--load-model' : '--summary'} と一緒には使えません / ` +
            `${unused.map(flagOf).join(', ')} cannot be used with ${saved ? '--load-model (the saved model has its own)' : '--summary (no database is read)'}`,
        );
      const unit = saved
        ? unitOf(saved.unit_days)
        : Object.hasOwn(UNITS, opts.unit)
          ? UNITS[opts.unit]
          : null;
      if (!unit)
        throw new UserError(
          'bad_unit',
          `--unit は day, week, month のいずれか / --unit must be day, week or month: ${opts.unit}`,
        );
      const penalizer = Number(opts.penalizer);
      if (!(penalizer >= 0 && Number.isFinite(penalizer)))
        throw new UserError(
          'bad_penalizer',
          `--penalizer は 0 以上の数 / --penalizer must be a number ≥ 0: ${opts.penalizer}`,
        );
      if (opts.csv) checkOutputFile(opts.csv, { flag: '--csv', force: opts.force });
      const model = parseModel(opts.model);
      const horizonDays = positive(opts.horizonDays, '--horizon-days');
      const discount = Number(opts.discountRate);
      if (!(discount >= 0 && discount < 10))
        throw new UserError(
          'bad_rate',
          `--discount-rate は 0 以上 / --discount-rate must be ≥ 0: ${opts.discountRate}`,
        );
      const holdoutDays =
        opts.holdoutDays === undefined ? undefined : positive(opts.holdoutDays, '--holdout-days');
      const top = positive(opts.top, '--top');
      const fitOpts = { fit: { penalizer }, qConstraint: opts.qConstraint, saved };
      if (opts.summary) {
        const report = fitSummaryFile(opts.summary, model, unit, horizonDays, discount, fitOpts);
        writeSavedModel(opts.saveModel, report, `(file) ${opts.summary}`);
        const json = {
          summary: resolve(opts.summary),
          unit,
          horizon_days: horizonDays,
          ...reportJson(report),
        };
        return void process.stdout.write(JSON.stringify(json, null, 2) + '\n');
      }

      await withStore(cmd, async ({ conn }) => {
        const asOf = opts.asOf ?? (await latestPurchaseDate(conn));
        if (asOf === null)
          throw new UserError(
            'no_purchases',
            '購入データがありません / no purchases in the database',
          );
        if (!isIsoDate(asOf))
          throw new UserError(
            'bad_date',
            `--as-of は YYYY-MM-DD / --as-of must be YYYY-MM-DD: ${asOf}`,
          );
        const period: SummaryPeriod = {
          calEnd: holdoutDays ? addDays(asOf, -holdoutDays) : asOf,
          holdoutEnd: holdoutDays ? asOf : undefined,
          unit,
        };
        const triples = await summaryTriples(conn, period);
        if (triples.frequency.length === 0) {
          throw new UserError(
            'no_purchases',
            `${period.calEnd} までの購入がありません / no purchases up to ${period.calEnd}`,
          );
        }
        const spend = await spendGroups(conn, period);
        const report = buildClvReport({
          triples,
          spend: spend.frequency.length ? spend : null,
          model,
          unitDays: UNIT_DAYS[period.unit],
          horizonDays,
          annualDiscountRate: discount,
          holdoutDays,
          ...fitOpts,
        });
        writeSavedModel(opts.saveModel, report, period.calEnd);
        await savePredictions(conn, { ...triples, ...report.predictions });
        const customers = await topCustomersByClv(conn, period, top);
        const csv = opts.csv
          ? { path: resolve(opts.csv), rows: await exportClvCsv(conn, period, resolve(opts.csv)) }
          : null;
        if (opts.json) {
          const json = {
            as_of: asOf,
            calibration_end: period.calEnd,
            unit: period.unit,
            horizon_days: horizonDays,
            discount_rate: discount,
            ...reportJson(report),
            top_customers: customers,
            csv,
          };
          return void process.stdout.write(JSON.stringify(json, null, 2) + '\n');
        }
        printReport(report, asOf, period, horizonDays, customers, csv);
      });
    });
}

function printReport(
  report: ClvReport,
  asOf: string,
  period: SummaryPeriod,
  horizonDays: number,
  customers: CustomerClv[],
  csv: { path: string; rows: number } | null,
): void {
  const out = process.stdout;
  const label = MODEL_LABELS[report.model];
  out.write(
    `顧客生涯価値 CLV — as of ${asOf}, calibration to ${period.calEnd}, time unit: ${period.unit}\n\n`,
  );
  out.write(`${label}: ${params(report.params, report.fit.standardErrors)}\n`);
  out.write(
    `  log-likelihood ${report.fit.logLikelihood.toFixed(2)}, ${report.fit.customers.toLocaleString('en-US')} customers, `,
  );
  out.write(
    `${report.fit.rows.toLocaleString('en-US')} distinct (x, t_x, T); ${report.fit.converged ? 'converged' : 'NOT converged'} in ${report.fit.iterations} iterations\n`,
  );
  if (report.spend) {
    out.write(
      `gamma-gamma: ${params(report.spend.params, report.spend.fit.standardErrors)}; population mean spend ${report.spend.populationMeanSpend.toFixed(2)}\n`,
    );
  }
  const t = report.totals;
  out.write(
    `\n生存見込み Expected alive: ${Math.round(t.expectedAlive).toLocaleString('en-US')} of ${t.customers.toLocaleString('en-US')}`,
  );
  out.write(
    `; 期待購入 expected purchases in ${horizonDays} days: ${Math.round(t.expectedPurchases).toLocaleString('en-US')}\n`,
  );
  for (const w of report.warnings) out.write(`warning: ${w}\n`);

  if (report.holdout) {
    out.write(
      `\nホールドアウト検証 Holdout (${period.calEnd} → ${asOf}), mean purchases per customer\n`,
    );
    const rows = [...report.holdout.rows, report.holdout.total];
    out.write(
      table(
        ['frequency', 'customers', 'actual', 'predicted'],
        rows.map((r) => [
          r.frequency,
          String(r.customers),
          r.actual.toFixed(3),
          r.predicted.toFixed(3),
        ]),
      ),
    );
  }
  out.write(`\n上位顧客 Top customers by predicted CLV (${horizonDays} days)\n`);
  out.write(
    table(
      ['customer_id', 'x', 'recency', 'T', 'p_alive', 'E[purchases]', 'E[spend]', 'CLV'],
      customers.map((c) => [
        c.customer_id,
        String(c.frequency),
        c.recency.toFixed(1),
        c.T.toFixed(1),
        c.p_alive.toFixed(3),
        c.expected_purchases.toFixed(2),
        c.expected_spend === null ? '—' : c.expected_spend.toFixed(0),
        c.predicted_clv === null ? '—' : c.predicted_clv.toFixed(0),
      ]),
    ),
  );
  if (csv) out.write(`\n${csv.rows.toLocaleString('en-US')} customers written to ${csv.path}\n`);
}

// The report with snake_case keys, as every JSON output of kenshin; predictions stay in the db.
function reportJson(r: ClvReport): Record<string, unknown> {
  const fit = (f: ClvReport['fit']) => ({
    standard_errors: f.standardErrors,
    log_likelihood: f.logLikelihood,
    converged: f.converged,
    message: f.message,
    iterations: f.iterations,
    gradient_norm: f.gradientNorm,
    customers: f.customers,
    rows: f.rows,
  });
  return {
    model: r.model,
    params: r.params,
    fit: fit(r.fit),
    spend: r.spend
      ? {
          params: r.spend.params,
          fit: fit(r.spend.fit),
          population_mean_spend: r.spend.populationMeanSpend,
        }
      : null,
    totals: {
      customers: r.totals.customers,
      expected_alive: r.totals.expectedAlive,
      expected_purchases: r.totals.expectedPurchases,
    },
    holdout: r.holdout,
    warnings: r.warnings,
  };
}

// The models by name, as the report and --model spell them.
const MODEL_LABELS: Record<PurchaseModelName, string> = {
  bgnbd: 'BG/NBD',
  mbgnbd: 'MBG/NBD',
  pareto: 'Pareto/NBD',
};

function parseModel(v: string): PurchaseModelName {
  if (!Object.hasOwn(MODEL_LABELS, v))
    throw new UserError(
      'bad_model',
      `--model は bgnbd, mbgnbd, pareto のいずれか / --model must be bgnbd, mbgnbd or pareto: ${v}`,
    );
  return v as PurchaseModelName;
}

function positive(v: string, flag: string): number {
  const n = Number(v);
  if (!(Number.isInteger(n) && n > 0))
    throw new UserError(
      'bad_number',
      `${flag} は正の整数 / ${flag} must be a positive integer: ${v}`,
    );
  return n;
}

// "r = 0.2426 (± 0.01256)": each parameter with its standard error where the fit has one.
const params = (p: Record<string, number>, se: Record<string, number | null> = {}): string =>
  Object.entries(p)
    .map(([k, v]) => `${k} = ${v.toPrecision(4)}${se[k] ? ` (± ${se[k]!.toPrecision(4)})` : ''}`)
    .join(', ');

function table(head: string[], rows: string[][]): string {
  const all = [head, ...rows];
  const w = head.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  return (
    all
      .map((r) => r.map((c, j) => (j === 0 ? c.padEnd(w[j]) : c.padStart(w[j]))).join('  '))
      .join('\n') + '\n'
  );
}

// The flag of an option's attribute name, e.g. holdoutDays → --holdout-days.
const flagOf = (name: string) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

// The time unit of a saved model's parameters.
function unitOf(days: number): TimeUnit {
  const u = (Object.keys(UNIT_DAYS) as TimeUnit[]).find(
    (k) => Math.abs(UNIT_DAYS[k] - days) < 1e-9,
  );
  if (!u)
    throw new UserError(
      'bad_model_file',
      `保存されたモデルの時間単位(${days} 日)は使えません / the saved model's time unit (${days} days) is not day, week or month`,
    );
  return u;
}

// A file the user named, or a UserError that says which and why.
function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(
      'file_not_found',
      `ファイルを読めません / cannot read ${path}: ${(err as Error).message}`,
    );
  }
}

function readSavedModel(path: string): SavedModel {
  const text = readText(path);
  try {
    return parseSavedModel(text);
  } catch (err) {
    throw new UserError(
      'bad_model_file',
      `モデルファイル ${path} が正しくありません / ${path} is not a kenshin model file: ${(err as Error).message}`,
    );
  }
}

function writeSavedModel(path: string | undefined, r: ClvReport, calibrationEnd: string): void {
  if (!path) return;
  writeFileSync(path, JSON.stringify(savedModelOf(r, calibrationEnd), null, 2) + '\n');
}

// `--summary FILE`: the models fitted on summaries a user already has (lifetimes' columns).
function fitSummaryFile(
  file: string,
  model: PurchaseModelName,
  unit: TimeUnit,
  horizonDays: number,
  discount: number,
  fitOpts: Pick<Parameters<typeof buildClvReport>[0], 'fit' | 'qConstraint' | 'saved'>,
): ClvReport {
  const text = readText(file);
  let rows: Summaries;
  try {
    rows = parseSummaries(text);
  } catch (err) {
    throw new UserError('bad_summary', `${file}: ${(err as Error).message}`);
  }
  return buildClvReport({
    triples: aggregateTriples(rows),
    spend: rows.spend,
    model,
    unitDays: UNIT_DAYS[unit],
    horizonDays,
    annualDiscountRate: discount,
    ...fitOpts,
  });
}
