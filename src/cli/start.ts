// `kenshin start` (npm start): the main job on the embedded database. With no orders yet it
// generates and imports the demo business; then the checkup of the last order date, the
// workbook, and the dashboard — printing where to look and how to sign in.
import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Command } from 'commander';
import { targetDb, UserError } from './common.js';
import { openStore } from '../store/db.js';
import { computeCheckup, lastOrderDate, storeCheckup } from '../checkup/run.js';
import { loadDemo } from '../jobs/demo.js';
import { loadSettings, saveSettings } from '../store/settings-store.js';
import { formatSummary, type Lang } from '../outputs/summary.js';
import { writeReportWorkbook } from '../outputs/workbook/from-store.js';
import { startServer } from '../server/start.js';

interface StartOpts {
  port: string;
  host: string;
  demoDir: string;
  out: string;
  customers: string;
  lang: Lang;
  serve: boolean;
}

/** Registers the start command. */
export function registerStart(program: Command): void {
  program
    .command('start')
    .description(
      'checkup + workbook + dashboard (demo data when the database is empty) / 健診・ワークブック・ダッシュボード',
    )
    .option('--port <n>', 'dashboard port', '8080')
    .option('--host <host>', 'dashboard host', '127.0.0.1')
    .option('--demo-dir <dir>', 'where the demo files are written', 'demo-data')
    .option('--out <dir>', 'where the workbook is written', 'out')
    .option('--customers <n>', 'demo business size', '5000')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--no-serve', 'stop after the workbook')
    .action(async (opts: StartOpts, cmd: Command) => {
      const store = await openStore(await targetDb(cmd));
      const { conn } = store;
      const say = (s: string) => process.stdout.write(s + '\n');
      if (!(await lastOrderDate(conn))) {
        say(
          `データがないためデモ通販事業を生成して取り込みます / No data: generating the demo business into ${opts.demoDir}/ …`,
        );
        const demo = await loadDemo(conn, {
          dir: resolve(opts.demoDir),
          customers: Number(opts.customers),
          seed: 1,
        });
        const current = await loadSettings(conn);
        await saveSettings(conn, { ...current, business_name: 'デモ通販 (demo)' });
        say(
          `  ${demo.counts.customers} customers, ${demo.counts.orders} orders, ${demo.counts.contacts} contacts imported`,
        );
      }
      const asOf = await lastOrderDate(conn);
      if (!asOf) throw new UserError('no_orders', '注文データがありません / No orders');
      const report = await computeCheckup(conn, await loadSettings(conn), asOf);
      await storeCheckup(conn, report);
      say('');
      say(formatSummary(report, opts.lang));
      await mkdir(opts.out, { recursive: true });
      const wb = await writeReportWorkbook(conn, report, join(opts.out, `kenshin-${asOf}.xlsx`), {
        lang: opts.lang,
      });
      say(`\nワークブック / workbook: ${wb.path} (${(wb.bytes / 1024).toFixed(0)} KB)`);
      if (!opts.serve) {
        store.conn.closeSync();
        store.instance.closeSync();
        return;
      }
      const server = await startServer({
        conn,
        port: Number(opts.port),
        host: opts.host,
        control: store.path,
      });
      say(`ダッシュボード / dashboard: ${server.url}`);
      say(
        server.firstLogin
          ? `初回ログイン / first login: ${server.firstLogin.username} / ${server.firstLogin.password}`
          : 'ログイン / log in with your user (reset a password: kenshin user passwd NAME while the server is stopped)',
      );
      say('Ctrl-C で終了 / Ctrl-C to stop');
      const stop = async () => {
        await server.close();
        store.conn.closeSync();
        store.instance.closeSync();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
