// The reject file (--reject-file PATH): the refused rows with their original columns and a last
// `reason` column, as UTF-8 CSV with a BOM so Excel opens it as it is, fixes go in, and the file
// imports again (the `reason` column is ignored on the way back in).
import type { DuckDBConnection } from '@duckdb/node-api';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImportError } from './errors.js';
import { pipeline } from 'node:stream/promises';
import { REJECT_REASON_HEADER } from './headers.js';
import type { ImportPlan } from './plan.js';
import { lit, paramsFor, rawCol } from './sql.js';
import type { SourceFile } from './source.js';
import { createRawTable, type ImportParams, type StageNames } from './stage.js';
import { badSql, rowReasonSql } from './validate.js';

/** Returns a CSV field, quoted when it needs to be. */
export function csvField(text: string | null): string {
  if (text === null || text === '') return '';
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the invalid rows to `path` (re-reading the file for their original cells); returns how many were written. */
export async function writeRejectFile(
  conn: DuckDBConnection,
  source: SourceFile,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  hasFlags: boolean,
  path: string,
): Promise<number> {
  await refuseInput(path, source.path);
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-reject-'));
  const body = join(dir, 'rows.csv');
  try {
    await createRawTable(conn, source, names, params);
    const cols = plan.headers.map((_, i) => `r.${rawCol(i)}`);
    // The body goes to a file in our own temp directory (a path we made, safe as a literal); the
    // user's path is only ever opened by Node.
    const sql = `COPY (SELECT ${cols.join(', ')}, ${rowReasonSql(plan, names, params, hasFlags)} AS reason
      FROM ${names.view} v JOIN ${names.raw} r ON r.rowid = v._rid WHERE ${badSql(plan, names, hasFlags)} ORDER BY v._row)
      TO ${lit(body)} (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '"')`;
    const copied = await conn.runAndReadAll(sql, paramsFor(sql, params) as never);
    const rows = Number(copied.getRows()[0]?.[0] ?? 0);
    const out = createWriteStream(path);
    out.write('\uFEFF' + [...plan.headers, REJECT_REASON_HEADER].map(csvField).join(',') + '\n');
    await pipeline(createReadStream(body), out);
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// The reject file must never replace the file being imported (the CLI refuses it earlier; this
// holds for every caller). Thrown before anything is stored, so the store stays as it was.
async function refuseInput(path: string, input: string): Promise<void> {
  const [out, src] = await Promise.all([realpath(path).catch(() => null), realpath(input)]);
  if (out === src)
    throw new ImportError(
      'reject_file_is_input',
      `--reject-file「${path}」は取り込むファイルそのものです。何も取り込んでいません / ` +
        `--reject-file "${path}" is the file being imported; nothing was stored`,
    );
}
