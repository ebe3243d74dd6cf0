// `kenshin workbook [--as-of DATE] --out FILE.xlsx [--lang ja|en]`: writes the workbook of the
// stored checkup of a date (running and storing the checkup first when there is none).
import type { Command } from 'commander';
import { checkOutputFile, UserError, withStore } from './common.js';
import { isIsoDate } from '../domain/dates.js';

interface Opts {
  asOf?: string;
  out: string;
  lang: string;
  charts: boolean;
  force?: boolean;
}

/** Registers the workbook command. */
export function registerWorkbook(program: Command): void {
  program
    .command('workbook')
    .description('write the checkup workbook (.xlsx) / 健診ワークブックを出力')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: the last order date)')
    .requiredOption('--out <file>', 'output file, e.g. kenshin.xlsx')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--no-charts', 'numbers only, no charts')
    .option('--force', 'replace an existing --out file')
    .action(async (opts: Opts, cmd: Command) => {
      // Loaded when the command runs (exceljs, echarts): `kenshin workbook --help` stays fast.
      const { computeCheckup, lastOrderDate, loadCheckup, storeCheckup } =
        await import('../checkup/run.js');
      const { loadSettings } = await import('../store/settings-store.js');
      const { writeReportWorkbook } = await import('../outputs/workbook/from-store.js');
      checkOutputFile(opts.out, { flag: '--out', force: opts.force });
      if (opts.lang !== 'ja' && opts.lang !== 'en')
        throw new UserError(
          'bad_lang',
          `--lang は ja か en / --lang must be ja or en: ${opts.lang}`,
        );
      await withStore(cmd, async ({ conn }) => {
        const asOf = opts.asOf ?? (await lastOrderDate(conn));
        if (!asOf)
          throw new UserError(
            'no_orders',
            '注文データがありません / No orders yet: run kenshin import orders FILE first',
          );
        if (!isIsoDate(asOf))
          throw new UserError(
            'bad_date',
            `--as-of は YYYY-MM-DD で指定してください / --as-of must be YYYY-MM-DD: ${asOf}`,
          );
        let report = await loadCheckup(conn, asOf);
        if (!report) {
          report = await computeCheckup(conn, await loadSettings(conn), asOf);
          await storeCheckup(conn, report);
        }
        const res = await writeReportWorkbook(conn, report, opts.out, {
          lang: opts.lang as 'ja' | 'en',
          charts: opts.charts,
        });
        process.stdout.write(
          `${res.path}  ${(res.bytes / 1024).toFixed(0)} KB, ${res.sheets.length} sheets, ${res.seconds.toFixed(1)} s\n`,
        );
      });
    });
}
