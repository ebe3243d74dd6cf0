// Alerts that are not about findings: a file of the inbox that could not be imported (which
// file, its first errors, where the full report is) and a daily run that failed. Stored in the
// outbox like every alert, so they are retried until delivered.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { alertChannels, noticeMessage, type AlertConfig } from '../outputs/alerts/index.js';
import { enqueueMessage } from './outbox.js';
import type { InboxFileResult } from './inbox.js';

/** Lines of a failed file's error report shown in the alert. */
const FIRST_ERRORS = 5;

/** Returns the first error lines of a failed inbox file (from its report, else its error). */
async function firstErrors(f: InboxFileResult): Promise<string> {
  const report = await readFile(`${f.moved_to}.errors.txt`, 'utf8').catch(() => '');
  const lines = report
    .split('\n')
    .slice(2)
    .filter((l) => l.trim());
  return (lines.length ? lines.slice(0, FIRST_ERRORS + 1) : [f.error ?? '']).join('\n');
}

/** Stores one alert per failed inbox file; returns how many were stored. */
export async function enqueueImportFailures(
  conn: DuckDBConnection,
  cfg: AlertConfig,
  business: string,
  imports: InboxFileResult[],
  now: Date,
): Promise<number> {
  const channels = alertChannels(cfg);
  const failed = imports.filter((i) => !i.ok);
  if (!channels.length) return 0;
  for (const f of failed) {
    const errors = await firstErrors(f);
    const report = `${f.moved_to}.errors.txt`;
    const msg = noticeMessage({
      kind: 'import_failed',
      business,
      rows: {
        ja: [
          ['ファイル', basename(f.file)],
          ['最初のエラー', errors],
          ['エラーの詳細', report],
          ['ファイルの移動先', f.moved_to],
        ],
        en: [
          ['File', basename(f.file)],
          ['First errors', errors],
          ['Details', report],
          ['Moved to', f.moved_to],
        ],
      },
      public_url: cfg.public_url,
      data: {
        file: basename(f.file),
        entity: f.entity,
        error: f.error ?? null,
        errors,
        report,
        moved_to: f.moved_to,
      },
    });
    await enqueueMessage(conn, cfg, msg, channels, now);
  }
  return failed.length;
}

/** Stores the alert of a daily run that failed with `err`. */
export async function enqueueDailyFailure(
  conn: DuckDBConnection,
  cfg: AlertConfig,
  business: string,
  err: unknown,
  asOf: string | null,
  now: Date,
): Promise<void> {
  const channels = alertChannels(cfg);
  if (!channels.length) return;
  const e = err as Error & { code?: string };
  const text = `${e.code ? `[${e.code}] ` : ''}${e?.message ?? String(err)}`;
  const msg = noticeMessage({
    kind: 'daily_failed',
    business,
    as_of: asOf,
    rows: {
      ja: [
        ['エラー', text],
        ['時刻(UTC)', now.toISOString()],
      ],
      en: [
        ['Error', text],
        ['Time (UTC)', now.toISOString()],
      ],
    },
    public_url: cfg.public_url,
    data: { error: text, code: e.code ?? null },
  });
  await enqueueMessage(conn, cfg, msg, channels, now);
}
