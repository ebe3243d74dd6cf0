// The commands of `kenshin`, one line per command file: its name, the description `kenshin
// --help` shows (the same as the file's own), and how to load its register function. main.ts
// loads only the one being run.
import type { Command } from 'commander';

export type Register = (program: Command) => void;

// Command registrations (keep one line per command file).
export const COMMANDS: [name: string, description: string, load: () => Promise<Register>][] = [
  [
    'import',
    'ファイルを取り込む / import a CSV, TSV, .xlsx or .gz file (see docs/import-formats.md)',
    () => import('./import.js').then((m) => m.registerImport),
  ],
  [
    'start',
    'checkup + workbook + dashboard (demo data when the database is empty) / 健診・ワークブック・ダッシュボード',
    () => import('./start.js').then((m) => m.registerStart),
  ],
  [
    'checkup',
    'run the checkup for a date and store it / 健診を実行して保存',
    () => import('./checkup.js').then((m) => m.registerCheckup),
  ],
  [
    'findings',
    'history of findings: when each problem began and ended / 所見の履歴',
    () => import('./findings.js').then((m) => m.registerFindings),
  ],
  [
    'backtest',
    'replay the daily diagnosis over a range of days / 日次診断の再現(バックテスト)',
    () => import('./backtest.js').then((m) => m.registerBacktest),
  ],
  [
    'serve',
    'serve the dashboard and its API / ダッシュボードを起動',
    () => import('./serve.js').then((m) => m.registerServe),
  ],
  [
    'user',
    'dashboard users: add, list, remove, passwd; grant, revoke, memberships (workspace) / ダッシュボードのユーザー',
    () => import('./user.js').then((m) => m.registerUser),
  ],
  [
    'segment',
    'live segments: list, show, save, delete, export / セグメント',
    () => import('./segment.js').then((m) => m.registerSegment),
  ],
  [
    'demo-data',
    'generate a demo mail-order business as CSV / デモ用の通販データ（CSV）を生成',
    () => import('./demo-data.js').then((m) => m.register),
  ],
  [
    'workbook',
    'write the checkup workbook (.xlsx) / 健診ワークブックを出力',
    () => import('./workbook.js').then((m) => m.registerWorkbook),
  ],
  [
    'daily',
    'daily job: import the inbox, checkup, workbook, alerts, follow-up lists / 日次ジョブ',
    () => import('./daily.js').then((m) => m.registerDaily),
  ],
  [
    'schedule',
    'run the daily job on a cron schedule until stopped / 日次ジョブを定期実行',
    () => import('./schedule.js').then((m) => m.registerSchedule),
  ],
  [
    'worker',
    'coordinated mode: run the queued daily jobs until stopped / 登録された日次ジョブを実行',
    () => import('./worker.js').then((m) => m.registerWorker),
  ],
  [
    'followup',
    'follow-up steps after the first purchase / 初回購入後のフォローステップ',
    () => import('./followup.js').then((m) => m.registerFollowup),
  ],
  [
    'simulate',
    'cohort simulation of active customers and revenue (seed 003) / 稼働顧客と年商のシミュレーション',
    () => import('./simulate.js').then((m) => m.registerSimulate),
  ],
  [
    'clv',
    'customer lifetime value: BG/NBD, MBG/NBD or Pareto/NBD + gamma-gamma / 顧客生涯価値の予測',
    () => import('./clv.js').then((m) => m.registerClv),
  ],
  [
    'settings',
    'show, check and change the business settings / 設定の表示・確認・変更',
    () => import('./settings.js').then((m) => m.registerSettings),
  ],
  [
    'backup',
    'consistent copy of the database, also while kenshin serve runs / データベースのバックアップ',
    () => import('./backup.js').then((m) => m.registerBackup),
  ],
  [
    'restore',
    'replace the database with a backup (the dashboard stopped) / バックアップから復元',
    () => import('./backup.js').then((m) => m.registerRestore),
  ],
  [
    'business',
    'businesses of the workspace: add, list, rename, remove / ワークスペースの事業',
    () => import('./business.js').then((m) => m.registerBusiness),
  ],
  [
    'alerts',
    'alert settings, test message and outbox / 通知の設定・テスト送信・送信待ち',
    () => import('./alerts.js').then((m) => m.registerAlerts),
  ],
];

/** Returns the command named on the command line (after global options; `help X` names X). */
export function commandName(argv: readonly string[]): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < argv.length && words.length < 2; i++) {
    const a = argv[i];
    if (a === '--db' || a === '--business' || a === '--workspace') i++;
    else if (!a.startsWith('-')) words.push(a);
  }
  return words[0] === 'help' ? words[1] : words[0];
}
