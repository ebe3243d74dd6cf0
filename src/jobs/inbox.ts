// The inbox of the daily job: every file dropped into a folder is imported with the importer
// of src/ingest (entity from the file name's prefix, a saved mapping when one applies), then
// moved to inbox/done/ — or to inbox/failed/ with an error report beside it. Only data files
// are taken (.csv .tsv .txt .xlsx .xls, optionally .gz); anything else (a manifest.json, an
// upload still named .tmp or .part, hidden files) is left where it is.
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { importFile, type ImportResult } from '../ingest/import.js';
import { ImportError } from '../ingest/errors.js';
import type { EntityName } from '../ingest/entities.js';
import { loadMapping } from '../store/import-mappings.js';

export interface InboxFileResult {
  file: string;
  entity: EntityName | null;
  mapping: string | null;
  ok: boolean;
  rows_stored: number;
  rows_rejected: number;
  /** Where the file went (done/ or failed/). */
  moved_to: string;
  error?: string;
}

// Prefix → entity, longest and most specific first (order-items before orders). Japanese
// prefixes are the words shops name their exports with.
const PREFIXES: [RegExp, EntityName][] = [
  [/^(order[-_ ]?items|items|line[-_ ]?items|受注明細|注文明細|明細)/, 'order-items'],
  [/^(lead[-_ ]?events|見込み客イベント)/, 'lead-events'],
  [/^(ad[-_ ]?spend|広告費)/, 'ad-spend'],
  [/^(orders?|受注|注文|売上)/, 'orders'],
  [/^(customers?|顧客|会員)/, 'customers'],
  [/^(contacts?|配布|販促|送付)/, 'contacts'],
  [/^(campaigns?|キャンペーン|施策)/, 'campaigns'],
  [/^(leads?|見込み客)/, 'leads'],
];

const DATA_FILE = /\.(csv|tsv|txt|tab|xlsx|xlsm|xls)(\.gz)?$/i;

/** Import order: customers and campaigns before the rows that refer to them. */
const ORDER: EntityName[] = [
  'customers',
  'campaigns',
  'orders',
  'order-items',
  'contacts',
  'ad-spend',
  'leads',
  'lead-events',
];

/** Returns the entity a file name stands for, or null. */
export function entityOfFile(name: string): EntityName | null {
  const n = basename(name).toLowerCase().normalize('NFKC');
  return PREFIXES.find(([re]) => re.test(n))?.[1] ?? null;
}

/** Returns the mapping tag of a file name ("orders@shopify.csv" → "shopify"), or null. */
export function mappingTag(name: string): string | null {
  const m = /@([^.@]+)\./.exec(basename(name));
  return m ? m[1] : null;
}

/** Returns the saved mapping to use: the file's tag, else one named daily-<entity>, else none. */
async function mappingFor(
  conn: DuckDBConnection,
  file: string,
  entity: EntityName,
): Promise<string | null> {
  const tag = mappingTag(file);
  if (tag) return tag;
  return (await loadMapping(conn, `daily-${entity}`)) ? `daily-${entity}` : null;
}

/** Returns a stamp 'YYYYMMDD-HHMMSS' for moved file names (never overwriting an older copy). */
function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Returns the files waiting in the inbox, in import order. */
export async function inboxFiles(inbox: string): Promise<string[]> {
  const names = await readdir(inbox);
  const files: string[] = [];
  for (const n of names) {
    if (n.startsWith('.') || !DATA_FILE.test(n)) continue;
    if ((await stat(join(inbox, n))).isFile()) files.push(n);
  }
  const rank = (n: string) => {
    const e = entityOfFile(n);
    return e ? ORDER.indexOf(e) : ORDER.length;
  };
  return files.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((n) => join(inbox, n));
}

/** Returns the error report text of a failed import (file-level error or invalid rows). */
function errorReport(file: string, err: unknown, result?: ImportResult): string {
  const lines = [`kenshin import failed / 取り込み失敗: ${basename(file)}`, ''];
  if (result) {
    const v = result.validation;
    lines.push(
      `rows read ${result.rowsRead}, invalid rows ${v.badRows} — nothing was stored / 何も保存していません`,
      '',
    );
    for (const c of v.counts) lines.push(`${c.column}: ${c.code} × ${c.count}`);
    lines.push('');
    for (const e of v.errors)
      lines.push(
        `row ${e.row}, column "${e.column}" (${e.field}) = ${JSON.stringify(e.value)}: ${e.message}`,
      );
  } else {
    const code = err instanceof ImportError ? `[${err.code}] ` : '';
    lines.push(`${code}${(err as Error)?.message ?? String(err)}`);
  }
  return lines.join('\n') + '\n';
}

/** Imports one inbox file and moves it; returns what happened. */
async function importOne(
  conn: DuckDBConnection,
  inbox: string,
  file: string,
  now: Date,
): Promise<InboxFileResult> {
  const entity = entityOfFile(file);
  const moveTo = async (dir: 'done' | 'failed', report?: string) => {
    await mkdir(join(inbox, dir), { recursive: true });
    const dest = join(inbox, dir, `${stamp(now)}_${basename(file)}`);
    await rename(file, dest);
    if (report) await writeFile(`${dest}.errors.txt`, report);
    return dest;
  };
  const base = { file, entity, mapping: null as string | null, rows_stored: 0, rows_rejected: 0 };
  if (!entity) {
    const error = `ファイル名から種類が分かりません(orders*, customers*, contacts* …) / unknown file kind: ${basename(file)}`;
    return { ...base, ok: false, error, moved_to: await moveTo('failed', error + '\n') };
  }
  let result: ImportResult | undefined;
  try {
    base.mapping = await mappingFor(conn, file, entity);
    result = await importFile(conn, { entity, file, mappingName: base.mapping ?? undefined });
    if (result.ok) {
      return {
        ...base,
        ok: true,
        rows_stored: result.rowsStored,
        rows_rejected: result.rowsRejected,
        moved_to: await moveTo('done'),
      };
    }
    const error = `${result.validation.badRows} invalid rows / 不正な行 ${result.validation.badRows} 件`;
    return {
      ...base,
      ok: false,
      rows_rejected: result.rowsRejected,
      error,
      moved_to: await moveTo('failed', errorReport(file, null, result)),
    };
  } catch (err) {
    return {
      ...base,
      ok: false,
      error: (err as Error).message,
      moved_to: await moveTo('failed', errorReport(file, err)),
    };
  }
}

/** Imports every waiting file of the inbox (one by one, each all or nothing); returns the results. */
export async function importInbox(
  conn: DuckDBConnection,
  inbox: string,
  now = new Date(),
): Promise<InboxFileResult[]> {
  const out: InboxFileResult[] = [];
  for (const f of await inboxFiles(inbox)) out.push(await importOne(conn, inbox, f, now));
  return out;
}
