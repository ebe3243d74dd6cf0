// `kenshin backup FILE` and `kenshin restore FILE`. A backup is a consistent copy of the
// database in a new DuckDB file; while `kenshin serve` holds the database it is made by the
// server, on its own connection, over the local control channel (DB.serve.json). A restore
// replaces the database file with a backup, checked table by table first; the dashboard must
// be stopped (it holds the file).
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { targetDb, UserError } from './common.js';
import { EXIT, KenshinError } from '../domain/errors.js';

interface BackupSummary {
  path: string;
  bytes: number;
  seconds: number;
  tables: Record<string, { rows: number; checksum: string }>;
}

/** Prints what a backup or restore wrote. */
function print(
  kind: string,
  r: BackupSummary | { path: string; tables: BackupSummary['tables'] },
  json?: boolean,
): void {
  if (json) return void process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  const rows = Object.values(r.tables).reduce((n, t) => n + t.rows, 0);
  const size =
    'bytes' in r ? `, ${(r.bytes / 2 ** 20).toFixed(1)} MiB, ${r.seconds.toFixed(1)} s` : '';
  process.stdout.write(
    `${kind}: ${r.path} (${Object.keys(r.tables).length} tables, ${rows.toLocaleString('en-US')} rows${size})\n`,
  );
}

/** Asks the running server for a backup over the control channel. */
async function backupThroughServer(
  control: { control: string; token: string; pid: number },
  dest: string,
  force: boolean,
): Promise<BackupSummary> {
  const res = await fetch(`${control.control}/backup`, {
    method: 'POST',
    headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ path: dest, force }),
  }).catch((err: unknown) => {
    throw new KenshinError(
      'server_unreachable',
      {
        ja: `ダッシュボード（PID ${control.pid}）に接続できません。止めてから kenshin backup を実行してください`,
        en: `cannot reach the dashboard (PID ${control.pid}); stop it and run kenshin backup again`,
      },
      EXIT.busy,
      { cause: err },
    );
  });
  const body = (await res.json()) as BackupSummary & {
    code?: string;
    ja?: string;
    en?: string;
    exit?: number;
  };
  if (!res.ok)
    throw new KenshinError(
      body.code ?? 'backup_failed',
      {
        ja: body.ja ?? body.en ?? 'バックアップに失敗しました',
        en: body.en ?? 'the backup failed',
      },
      (body.exit as 1) ?? EXIT.internal,
    );
  return body;
}

/** Registers `kenshin backup`. */
export function registerBackup(program: Command): void {
  program
    .command('backup')
    .argument(
      '<file>',
      'the backup to write (a new DuckDB file, e.g. backups/shop-2026-12-01.duckdb)',
    )
    .description(
      'consistent copy of the database, also while kenshin serve runs / データベースのバックアップ',
    )
    .option('--force', 'replace an existing backup file')
    .option('--json', 'print the tables and their checksums as JSON')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }, cmd: Command) => {
      const { openStore, closeStore } = await import('../store/db.js');
      const { readServeControl } = await import('../store/serve-lock.js');
      const db = await targetDb(cmd);
      const dest = resolve(file);
      if (resolve(db) === dest)
        throw new UserError(
          'output_is_input',
          `バックアップ先がデータベースそのものです / the backup would overwrite the database: ${file}`,
        );
      const server = readServeControl(db);
      if (server) {
        try {
          const r = await backupThroughServer(server, dest, !!opts.force);
          return print('バックアップ / backup (through the dashboard)', r, opts.json);
        } catch (err) {
          // A control file whose PID now belongs to another process: no server, back up here.
          if ((err as { code?: string }).code !== 'server_unreachable') throw err;
        }
      }
      const { backupDatabase } = await import('../store/backup.js');
      const store = await openStore(db);
      try {
        print(
          'バックアップ / backup',
          await backupDatabase(store.conn, dest, { force: opts.force }),
          opts.json,
        );
      } finally {
        closeStore(store);
      }
    });
}

/** Registers `kenshin restore`. */
export function registerRestore(program: Command): void {
  program
    .command('restore')
    .argument('<file>', 'a backup written by kenshin backup')
    .description(
      'replace the database with a backup (the dashboard stopped) / バックアップから復元',
    )
    .option('--force', 'replace an existing database (it is kept as DB.before-restore)')
    .option('--json', 'print the tables and their checksums as JSON')
    .action(async (file: string, opts: { force?: boolean; json?: boolean }, cmd: Command) => {
      const { existsSync } = await import('node:fs');
      const { openStore, closeStore } = await import('../store/db.js');
      const { restoreDatabase } = await import('../store/backup.js');
      const db = await targetDb(cmd);
      if (!existsSync(file))
        throw new UserError(
          'file_missing',
          `バックアップ「${file}」がありません / no backup "${file}"`,
        );
      if (existsSync(db)) {
        if (!opts.force)
          throw new UserError(
            'output_exists',
            `データベース「${db}」は既にあります。置き換えるには --force を付けてください（元のファイルは ${db}.before-restore に残ります） / ` +
              `the database "${db}" exists; add --force to replace it (it is kept as ${db}.before-restore)`,
          );
        // Opening it proves nobody else (the dashboard) holds it; the error says who does. A
        // damaged database may not open at all: restoring is the cure, so that is no refusal.
        try {
          closeStore(await openStore(db));
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'db_locked' || code === 'db_held_by_server') throw err;
        }
      }
      const r = await restoreDatabase(resolve(file), db);
      print('復元 / restored', r, opts.json);
      if (r.previous) process.stdout.write(`元のデータベース / previous database: ${r.previous}\n`);
    });
}
