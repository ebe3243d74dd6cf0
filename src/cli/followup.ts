// `kenshin followup list|add|remove|run|report`: follow-up steps after the first purchase
// (seed 001), their daily action lists and their conversion against a control group.
import type { Command } from 'commander';
import { ZodError } from 'zod';
import { UserError, withStore } from './common.js';
import { loadSettings } from '../store/settings-store.js';
import { deleteStep, saveStep } from '../store/followup-store.js';
import { EXAMPLE_STEPS, parseStep, type FollowupStep } from '../jobs/followup/steps.js';
import { loadSteps, runFollowups } from '../jobs/followup/run.js';
import { stepConversion, type StepConversion } from '../jobs/followup/report.js';
import { chooseAsOf } from '../jobs/as-of.js';
import type { CsvEncoding } from '../outputs/csv-export.js';
import { isIsoDate } from '../domain/dates.js';
import { MIN_RATE_BASE } from '../domain/evidence.js';
import { liftVerdictName, t } from '../domain/labels/index.js';
import type { DuckDBConnection } from '@duckdb/node-api';

/** Returns the date to run for: --as-of, else today in the business timezone (or the last order date). */
async function dateFor(conn: DuckDBConnection, asOf?: string): Promise<string> {
  if (asOf && !isIsoDate(asOf))
    throw new UserError(
      'bad_date',
      `--as-of は YYYY-MM-DD で指定してください / --as-of must be YYYY-MM-DD: ${asOf}`,
    );
  const c = await chooseAsOf(conn, (await loadSettings(conn)).timezone, asOf);
  if (!c) throw new UserError('no_orders', '注文データがありません / no orders yet');
  return c.asOf;
}

/** Returns a step from the add options, or a UserError naming the bad field. */
function stepFromOpts(o: Record<string, string | undefined>): FollowupStep {
  try {
    return parseStep({
      id: o.id,
      name: o.name ?? o.id,
      days: o.days === undefined ? undefined : Number(o.days),
      condition: o.condition,
      channel: o.channel,
      action: o.action,
      cost: o.cost === undefined ? null : Number(o.cost),
      holdout_share: o.holdout === undefined ? undefined : Number(o.holdout),
    });
  } catch (err) {
    if (err instanceof ZodError) {
      const msg = err.issues.map((i) => `--${String(i.path[0] ?? '')}: ${i.message}`).join('; ');
      throw new UserError('bad_step', `ステップの指定が正しくありません / invalid step: ${msg}`);
    }
    throw err;
  }
}

/** Returns a one-line description of a step. */
function describe(s: FollowupStep): string {
  const cond = s.condition === 'none' ? '' : ` if ${s.condition}`;
  const hold = s.holdout_share ? `, holdout ${(s.holdout_share * 100).toFixed(0)}%` : '';
  return `${s.id}${s.active ? '' : ' (inactive)'}: ${s.name} — day ${s.days} after first purchase${cond} → ${s.action} via ${s.channel}${hold}`;
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
/** A difference in points with its sign: +5.4 pt, −6.9 pt (a true minus, as the dashboard). */
const pt = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x * 100).toFixed(1)} pt`;

/**
 * Returns the report of one step: both groups' k/n, the lift with its 95 % interval, z, p and
 * verdict — never a bare "−6.9 pt", which reads as a finding when it is noise.
 */
export function conversionText(c: StepConversion, date: string, h: number): string {
  const group = (g: StepConversion['treated']) => `${g.converted}/${g.customers} = ${pct(g.rate)}`;
  const verdict = `${liftVerdictName(c.verdict, 'ja')} / ${liftVerdictName(c.verdict, 'en')}`;
  const lift =
    c.lift === null || c.lift_low === null || c.lift_high === null
      ? '—'
      : `${pt(c.lift)} (${t('ja', 'lift_interval')} / ${t('en', 'lift_interval')} ${pt(c.lift_low)} … ${pt(c.lift_high)}; z = ${c.z!.toFixed(2).replace('-', '−')}, p = ${c.p!.toFixed(3)})`;
  const few =
    c.verdict === 'too_few'
      ? ` (各群 ${MIN_RATE_BASE} 人以上が必要 / needs ${MIN_RATE_BASE}+ customers in each group)`
      : '';
  return (
    `${c.step_id} ${c.name} (day ${c.days}, ${h}-day second purchase, as of ${date})\n` +
    `  ステップあり / with step:  ${group(c.treated)}\n` +
    `  ステップなし / without:    ${group(c.control)}\n` +
    `  ${t('ja', 'step_lift')} / ${t('en', 'step_lift')}: ${lift}\n` +
    `  → ${verdict}${few}\n`
  );
}

/** Registers the followup command and its subcommands. */
export function registerFollowup(program: Command): void {
  const fu = program
    .command('followup')
    .description('follow-up steps after the first purchase / 初回購入後のフォローステップ');
  fu.command('list')
    .description('list the steps')
    .action(async (_o: unknown, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        const steps = await loadSteps(conn);
        process.stdout.write(
          steps.length
            ? steps.map(describe).join('\n') + '\n'
            : 'ステップはありません / no steps (kenshin followup add --example)\n',
        );
      });
    });
  fu.command('add')
    .description('add or replace a step')
    .option(
      '--example',
      "add seed 001's two steps (thank-you DM on day 7, coupon on day 30 without a 2nd purchase)",
    )
    .option('--id <id>')
    .option('--name <name>')
    .option('--days <n>', 'days after the first purchase')
    .option('--condition <c>', 'none | no_second_purchase', 'none')
    .option('--channel <ch>', 'dm | email | line | sms | call | other')
    .option('--action <text>', 'what to do, e.g. thank_you_dm, coupon')
    .option('--cost <yen>', 'cost per contact')
    .option('--holdout <share>', 'share of targets held out as control (0–0.5)')
    .action(async (o: Record<string, string | undefined> & { example?: boolean }, cmd: Command) => {
      const steps = o.example ? EXAMPLE_STEPS : [stepFromOpts(o)];
      await withStore(cmd, async ({ conn }) => {
        for (const s of steps) {
          await saveStep(conn, s);
          process.stdout.write(`saved ${describe(s)}\n`);
        }
      });
    });
  fu.command('remove <id>')
    .description('remove a step (its recorded contacts stay)')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        if (!(await deleteStep(conn, id)))
          throw new UserError('no_step', `ステップ ${id} はありません / no step ${id}`);
        process.stdout.write(`removed ${id}\n`);
      });
    });
  fu.command('run')
    .description("write today's action list of each step and record the contacts")
    .option(
      '--as-of <date>',
      'day to run for (default: today in the business timezone, or the last order date)',
    )
    .option('--out <dir>', 'folder for the lists', 'followup')
    .option('--encoding <enc>', 'utf8-bom | utf8 | sjis', 'utf8-bom')
    .option('--lang <lang>', 'CSV headers: ja or en', 'ja')
    .action(
      async (o: { asOf?: string; out: string; encoding: string; lang: string }, cmd: Command) => {
        if (!['utf8-bom', 'utf8', 'sjis'].includes(o.encoding))
          throw new UserError('bad_encoding', `--encoding: utf8-bom / utf8 / sjis (${o.encoding})`);
        await withStore(cmd, async ({ conn }) => {
          const date = await dateFor(conn, o.asOf);
          const runs = await runFollowups(conn, date, {
            outDir: o.out,
            encoding: o.encoding as CsvEncoding,
            lang: o.lang === 'en' ? 'en' : 'ja',
            actor: 'cli',
          });
          if (!runs.length) process.stdout.write('ステップはありません / no active steps\n');
          for (const r of runs)
            process.stdout.write(
              `${date} ${r.step_id}: ${r.listed} listed, ${r.held_out} held out${r.file ? ` → ${r.file}` : ''}\n`,
            );
        });
      },
    );
  fu.command('report')
    .description(
      'conversion of each step against customers of the same first-purchase weeks who did not get it',
    )
    .option('--as-of <date>', 'as-of date (default: today / last order date)')
    .option(
      '--horizon <days>',
      'a second purchase within this many days after the step counts',
      '30',
    )
    .option('--json', 'print JSON')
    .action(async (o: { asOf?: string; horizon: string; json?: boolean }, cmd: Command) => {
      const h = Number(o.horizon);
      if (!Number.isInteger(h) || h < 1)
        throw new UserError(
          'bad_horizon',
          `--horizon は正の整数 / --horizon must be a positive integer: ${o.horizon}`,
        );
      await withStore(cmd, async ({ conn }) => {
        const date = await dateFor(conn, o.asOf);
        const out = [];
        for (const s of await loadSteps(conn)) out.push(await stepConversion(conn, s, date, h));
        if (o.json) return void process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        for (const c of out) process.stdout.write(conversionText(c, date, h));
      });
    });
}
