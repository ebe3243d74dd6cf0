// `kenshin daily [--inbox DIR] [--archive DIR] [--as-of DATE] [--digest]`: the daily job once.
import type { Command } from 'commander';
import { UserError, withStore } from './common.js';
import { DailyError, dailyExit, runDaily } from '../jobs/daily.js';
import type { CsvEncoding } from '../outputs/csv-export.js';

interface Opts {
  inbox?: string;
  archive?: string;
  asOf?: string;
  digest?: boolean;
  lang: string;
  encoding: string;
  json?: boolean;
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
      await withStore(cmd, async ({ conn }) => {
        try {
          const res = await runDaily(conn, {
            inbox: opts.inbox,
            archive: opts.archive,
            asOf: opts.asOf,
            digest: opts.digest,
            lang: opts.lang as 'ja' | 'en',
            encoding: opts.encoding as CsvEncoding,
            log: opts.json ? undefined : (l) => process.stdout.write(l + '\n'),
          });
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
