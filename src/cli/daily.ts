// `kenshin daily [--inbox DIR] [--archive DIR] [--as-of DATE] [--digest] [--all]`: the daily job
// once, for the business the command names or, with --all, for every business of the workspace.
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { globalOpts, UserError, withStore } from './common.js';
import { DailyError, dailyExit, runDaily, type DailyOptions } from '../jobs/daily.js';
import { dailyAllExit, runDailyAll } from '../jobs/daily-all.js';
import { openCatalogue, resolveWorkspace } from '../workspace/workspace.js';
import type { CsvEncoding } from '../outputs/csv-export.js';
import { coordinatorMode } from '../coordinator/mode.js';
import { openPgCatalogue } from '../coordinator/pg-catalogue.js';
import { enqueueDaily, localDay } from '../coordinator/queue.js';

interface Opts {
  inbox?: string;
  archive?: string;
  asOf?: string;
  digest?: boolean;
  lang: string;
  encoding: string;
  json?: boolean;
  all?: boolean;
}

/** Registers the daily command. */
export function registerDaily(program: Command): void {
  program
    .command('daily')
    .description(
      'daily job: import the inbox, checkup, workbook, alerts, follow-up lists / 日次ジョブ',
    )
    .option('--inbox <dir>', 'folder of new files to import (moved to done/ or failed/)')
    .option('--archive <dir>', 'folder for kenshin-YYYY-MM-DD.xlsx and followup/ lists')
    .option(
      '--as-of <date>',
      'as-of date YYYY-MM-DD (default: today in the business timezone, or the last order date)',
    )
    .option('--digest', 'send one message with all open findings instead of only the new ones')
    .option('--lang <lang>', 'workbook and list language: ja or en', 'ja')
    .option('--encoding <enc>', 'follow-up lists: utf8-bom or sjis', 'utf8-bom')
    .option('--json', 'print the result as JSON')
    .option(
      '--all',
      'every business of the workspace, one after the other (inbox and archive: DIR/<business>/) / 全事業',
    )
    .action(async (opts: Opts, cmd: Command) => {
      if (opts.lang !== 'ja' && opts.lang !== 'en')
        throw new UserError(
          'bad_lang',
          `--lang は ja か en / --lang must be ja or en: ${opts.lang}`,
        );
      if (!['utf8-bom', 'utf8', 'sjis'].includes(opts.encoding))
        throw new UserError(
          'bad_encoding',
          `--encoding: utf8-bom / utf8 / sjis (${opts.encoding})`,
        );
      const daily: DailyOptions = {
        inbox: opts.inbox,
        archive: opts.archive,
        asOf: opts.asOf,
        digest: opts.digest,
        lang: opts.lang as 'ja' | 'en',
        encoding: opts.encoding as CsvEncoding,
        log: opts.json ? undefined : (l) => process.stdout.write(l + '\n'),
      };
      if (opts.all) return dailyAll(cmd, daily, opts.json === true);
      await withStore(cmd, async ({ conn }) => {
        try {
          const res = await runDaily(conn, daily);
          if (opts.json) process.stdout.write(JSON.stringify(res, null, 2) + '\n');
          // A failed alert channel or inbox file gives a non-zero exit that names it, so cron mail shows it.
          const exit = dailyExit(res);
          if (exit.reason)
            process.stderr.write(`kenshin daily: ${exit.reason} (exit ${exit.code})\n`);
          if (exit.code) process.exitCode = exit.code;
        } catch (err) {
          if (err instanceof DailyError) throw new UserError(err.code, err.message);
          throw err;
        }
      });
    });
}

// Every business of the workspace: each one's failure is reported and the next one runs.
async function dailyAll(cmd: Command, opts: DailyOptions, json: boolean): Promise<void> {
  const flags = globalOpts(cmd);
  if (flags.db !== undefined || flags.business !== undefined)
    throw new UserError(
      'all_and_target',
      '--all は --db や --business と同時に指定できません / --all cannot be used with --db or --business',
    );
  const mode = coordinatorMode();
  if (mode.kind === 'coordinated') return enqueueAll(mode.url, opts, json);
  const workspace = resolveWorkspace(flags.workspace);
  const catalogue = await openCatalogue(workspace);
  const businesses = await catalogue.listBusinesses().finally(() => catalogue.close());
  if (!businesses.length)
    throw new UserError(
      'no_businesses',
      `ワークスペース「${workspace}」に事業がありません。kenshin business add NAME で追加してください / ` +
        `the workspace "${workspace}" has no businesses; add one with kenshin business add NAME`,
    );
  const runs = await runDailyAll(
    businesses.map((b) => ({ name: b.name, label: b.label, path: join(workspace, b.file) })),
    opts,
  );
  if (json) process.stdout.write(JSON.stringify({ businesses: runs }, null, 2) + '\n');
  else {
    process.stdout.write('\n');
    for (const r of runs)
      process.stdout.write(
        `${r.ok ? (r.exit ? '△' : '○') : '×'} ${r.label} (${r.business}): ${
          r.ok
            ? `${r.result!.as_of} · ${r.result!.findings.length} findings / 所見 · ${r.seconds} s`
            : r.error!.ja === r.error!.en
              ? r.error!.ja
              : `${r.error!.ja} / ${r.error!.en}`
        }\n`,
      );
  }
  const failed = runs.filter((r) => !r.ok).length;
  if (failed)
    process.stderr.write(
      `kenshin daily --all: ${failed} of ${runs.length} businesses failed / ${runs.length} 事業中 ${failed} 事業が失敗\n`,
    );
  const code = dailyAllExit(runs);
  if (code) process.exitCode = code;
}

// Coordinated mode: the businesses are PostgreSQL's, and their daily jobs go into the queue for
// `kenshin worker` processes to run. The folders are made absolute: a worker's current folder is
// not this one's.
async function enqueueAll(url: string, opts: DailyOptions, json: boolean): Promise<void> {
  const catalogue = await openPgCatalogue(url);
  const businesses = await catalogue.listBusinesses().finally(() => catalogue.close());
  if (!businesses.length)
    throw new UserError(
      'no_businesses',
      'コーディネーター（KENSHIN_COORDINATOR）に事業がありません / the coordinator (KENSHIN_COORDINATOR) has no businesses',
    );
  const day = opts.asOf ?? localDay();
  const res = await enqueueDaily(
    url,
    businesses.map((b) => b.name),
    day,
    {
      inbox: opts.inbox === undefined ? undefined : resolve(opts.inbox),
      archive: opts.archive === undefined ? undefined : resolve(opts.archive),
      asOf: opts.asOf,
      digest: opts.digest,
      lang: opts.lang,
      encoding: opts.encoding,
    },
  );
  if (json) process.stdout.write(JSON.stringify({ day, ...res }, null, 2) + '\n');
  else
    process.stdout.write(
      `${day}: ジョブ ${res.enqueued.length} 件を登録 / ${res.enqueued.length} jobs queued` +
        (res.done.length
          ? `; ${res.done.length} 件は実行済み / ${res.done.length} done already`
          : '') +
        ' (kenshin worker が実行します / kenshin worker runs them)\n',
    );
}
