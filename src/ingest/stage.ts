// Staging: one DuckDB read_csv of the whole file into a TEMP table with, per mapped field, its
// typed value (f_<field>, the fast path of values-sql.ts) and its raw text kept only where the fast
// path could not read it (r_<field>). A second pass fills in those few rows with the full
// clean-up. Keeping the raw text of every cell would copy the whole file once more for nothing:
// it is needed only for the rows that go wrong, and the reject file re-reads the file for them.
// A view numbers the rows the way a spreadsheet user counts them: the header is row 1.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ImportError } from './errors.js';
import { classifyError } from '../store/errors.js';
import { EXIT } from '../domain/errors.js';
import type { ImportPlan } from './plan.js';
import type { ImportProgress } from './progress.js';
import { withQueryProgress } from './progress.js';
import type { SourceFile } from './source.js';
import { keptCol, lit, paramsFor, rawCol, typedCol } from './sql.js';
import { blankSql, fastSql, slowWhereSql, valueSql } from './values-sql.js';

/** The temporary objects of one import run. */
export interface StageNames {
  stage: string;
  view: string;
  flags: string;
  raw: string;
  rejects: string;
  rejectScans: string;
}

/** Returns the temp table names of a run (suffix: letters and digits only). */
export function stageNames(suffix: string): StageNames {
  const p = `kx_${suffix.replace(/[^a-z0-9]/gi, '')}`;
  return {
    stage: `${p}_stage`,
    view: `${p}_rows`,
    flags: `${p}_flags`,
    raw: `${p}_raw`,
    rejects: `${p}_rej`,
    rejectScans: `${p}_rejscan`,
  };
}

/** Bound parameters shared by the import's statements. */
export type ImportParams = Record<string, string | number | null>;

/** A line of the file DuckDB could not read: wrong number of columns, a stray quote, bytes not UTF-8. */
export interface BadLine {
  line: number;
  kind: string;
  message: string;
  text: string;
}

/**
 * Returns the read_csv call of the source with every column as text (c0, c1, …; c_row for xlsx).
 * With `rejects`, lines that do not parse are collected in the run's rejects table instead of
 * stopping the read: that costs time, so only the diagnosis of a failed read asks for it.
 */
export function readCsvSql(
  source: SourceFile,
  names: StageNames,
  params: ImportParams,
  rejects = false,
): string {
  const cols = fileColumns(source);
  const all = source.rowColumn ? [...cols, 'c_row'] : cols;
  params.src_path = source.csvPath;
  params.src_delim = source.delimiter;
  const keep = rejects
    ? `, store_rejects = true, rejects_table = '${names.rejects}', rejects_scan = '${names.rejectScans}'`
    : '';
  return `read_csv($src_path, header = true, delim = $src_delim, quote = '"', escape = '"', auto_detect = false,
  columns = {${all.map((c) => `${lit(c)}: 'VARCHAR'`).join(', ')}}, skip = ${Number(source.csvSkip) | 0},
  compression = '${source.csvGzip ? 'gzip' : 'none'}', max_line_size = 4194304${keep})`;
}

/** The flag column of a projected file: a dropped column of the row held something (projection.ts). */
const DROPPED_COL = 'c_dropped';

// The columns of what DuckDB reads, named by their index in the user's header.
function fileColumns(source: SourceFile): string[] {
  if (!source.csvColumns) return Array.from({ length: source.headers.length }, (_, i) => rawCol(i));
  return [...source.csvColumns.map(rawCol), DROPPED_COL];
}

/**
 * Returns the 0-based indexes of the header's columns the staging reads for `plan` (mapped
 * fields, derived inputs, the preset's skip rule, customer attributes): the columns a projected
 * transcode must keep. Read off the staging SQL itself, so the two cannot disagree.
 */
export function usedColumns(plan: ImportPlan, width: number): number[] {
  const sql = stageSelectSql(plan, {});
  const used = new Set<number>();
  for (const m of sql.matchAll(/\bc(\d+)\b/g)) if (Number(m[1]) < width) used.add(Number(m[1]));
  return [...used].sort((a, b) => a - b);
}

/** Returns the SQL of the staging CTAS: fast-path values, the raw text where they failed, the blank-row flag. */
export function stageSql(
  source: SourceFile,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
): string {
  return `CREATE TEMP TABLE ${names.stage} AS ${stageSelectSql(plan, params, { source, names })}`;
}

// The staging SELECT over the file's read; without `read`, the plan's part alone (no read_csv,
// no blank-row test over every column), which usedColumns reads for the columns it names.
function stageSelectSql(
  plan: ImportPlan,
  params: ImportParams,
  read?: { source: SourceFile; names: StageNames },
): string {
  const opts = { dateFormat: params.date_format !== undefined };
  const select: string[] = [];
  if (read) {
    const blank = fileColumns(read.source).map((c) => `${c} IS NULL`);
    select.push(`(${blank.join(' AND ')}) AS _blank`);
  }
  // Rows a preset says are not data (fee lines, cash-drawer rows, failed sends): kept out of the view.
  select.push(`${plan.skipSql ? `coalesce(${plan.skipSql}, false)` : 'false'} AS _skip`);
  if (read?.source.rowColumn) select.push('CAST(c_row AS BIGINT) AS _sheet_row');
  // A derived raw text (a preset's status from two columns, a key from name + phone) is computed
  // once per row in an inner select: the value expressions repeat their input several times, and
  // nesting one such expression in another multiplies its size (measured: 10× slower reading).
  // A value built from other fields (the customer key) is computed over their derived values, in
  // a second inner select.
  const derived: string[] = [];
  const built: string[] = [];
  const rawName = (i: number) => (/^c\d+$/.test(plan.fields[i].raw) ? plan.fields[i].raw : `d${i}`);
  const inputAlias = (i: number) =>
    /^c\d+$/.test(plan.inputs[i].raw) ? plan.inputs[i].raw : `i${i}`;
  for (const [i, input] of plan.inputs.entries())
    if (inputAlias(i) !== input.raw) derived.push(`${input.raw} AS ${inputAlias(i)}`);
  const aliasOf = (field: string) => {
    const input = plan.inputs.findIndex((x) => x.name === field);
    return input >= 0 ? inputAlias(input) : rawName(plan.fields.findIndex((x) => x.name === field));
  };
  for (const [i, f] of plan.fields.entries()) {
    const typed = typedCol(f.name);
    const raw = rawName(i);
    if (raw !== f.raw && f.from) built.push(`${f.from.sql(aliasOf)} AS ${raw}`);
    else if (raw !== f.raw) derived.push(`${f.raw} AS ${raw}`);
    if (f.clean) {
      // Already in its final form: no fast path to miss (a key of Japanese names is never
      // plain ASCII, so the fast path would send every row through the slow pass's UPDATE).
      select.push(`${raw} AS ${typed}`, `CAST(NULL AS VARCHAR) AS ${keptCol(f.name)}`);
      continue;
    }
    select.push(`${fastSql(f.type, raw, opts)} AS ${typed}`);
    // DuckDB lets a later select item use an earlier alias: the raw text stays where the fast value did not do.
    select.push(
      `CASE WHEN ${slowWhereSql(f.type, raw, typed)} THEN ${raw} END AS ${keptCol(f.name)}`,
    );
  }
  if (plan.attributes.length > 0)
    select.push(`${attributesSql(plan, params)} AS ${typedCol('attributes')}`);
  let from = read ? readCsvSql(read.source, read.names, params) : 'file';
  if (derived.length) from = `(SELECT *, ${derived.join(', ')} FROM ${from})`;
  if (built.length) from = `(SELECT *, ${built.join(', ')} FROM ${from})`;
  return `SELECT ${select.join(',\n  ')}\nFROM ${from}`;
}

/** Returns the UPDATEs that give the rows the fast path could not read their full clean-up (values-sql.ts). */
export function slowPassSql(plan: ImportPlan, names: StageNames, params: ImportParams): string[] {
  const opts = { dateFormat: params.date_format !== undefined };
  return plan.fields.map(
    (f) =>
      `UPDATE ${names.stage} SET ${typedCol(f.name)} = ${valueSql(f.type, keptCol(f.name), opts)} WHERE ${keptCol(f.name)} IS NOT NULL`,
  );
}

// Runs the slow-pass UPDATEs of the fields that have rows needing one; the same scan counts the
// rows that are data (not all-empty) and those the preset skips.
async function runSlowPass(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
): Promise<{ rows: number; skipped: number }> {
  const counts = plan.fields.map((f) => `, count(${keptCol(f.name)})`).join('');
  const sql = `SELECT count(*) FILTER (WHERE NOT _blank), count(*) FILTER (WHERE _skip AND NOT _blank)${counts} FROM ${names.stage}`;
  const [rows, skipped, ...need] = (await conn.runAndReadAll(sql)).getRows()[0].map(Number);
  const updates = slowPassSql(plan, names, params);
  for (const [i, update] of updates.entries()) {
    if (need[i] > 0) await conn.run(update, paramsFor(update, params) as never);
  }
  return { rows, skipped };
}

// Unmapped columns of a customers file, as a JSON object of the non-empty values keyed by header.
function attributesSql(plan: ImportPlan, params: ImportParams): string {
  const seen = new Map<string, number>();
  const entries = plan.attributes.map((a, i) => {
    const count = (seen.get(a.header) ?? 0) + 1;
    seen.set(a.header, count);
    params[`attr${i}`] = count > 1 ? `${a.header}_${count}` : a.header;
    return `{k: $attr${i}, v: ${blankSql(a.raw)}}`;
  });
  return `NULLIF(CAST(to_json(map_from_entries(list_filter([${entries.join(', ')}], e -> e.v IS NOT NULL))) AS VARCHAR), '{}')`;
}

/** What staging found: the rows read, or the lines DuckDB could not read (then there is no stage). */
export interface StageResult {
  rowsRead: number;
  /** Rows the preset's skip rule kept out (counted in rowsRead). */
  rowsSkipped: number;
  badLines: BadLine[];
  badLineCount: number;
  invalidEncoding: boolean;
}

/** Creates the staging table and its numbered view; on a file DuckDB cannot read, returns its bad lines instead. */
export async function createStage(
  conn: DuckDBConnection,
  source: SourceFile,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  progress?: ImportProgress,
): Promise<StageResult> {
  const sql = stageSql(source, plan, names, params);
  try {
    await withQueryProgress(conn, progress, () => conn.run(sql, paramsFor(sql, params) as never));
  } catch (err) {
    // Out of memory or a full disk is no fault of the file: let it say what it is.
    if (classifyError(err)?.exitCode === EXIT.resources) throw err;
    return diagnoseRead(conn, source, names, params, err as Error);
  }
  const { rows: rowsRead, skipped: rowsSkipped } = await runSlowPass(conn, plan, names, params);
  // Spreadsheet row numbers: header at row 1 (after any skipped lines), first data row next. A
  // CREATE TABLE AS keeps the file's order (preserve_insertion_order), so rowid is the record
  // number; row_number() OVER () would do the same through a single-threaded window.
  // Rows whose cells are all empty (",,,,," from spreadsheets) are not data and not counted.
  const rowExpr = source.rowColumn ? '_sheet_row' : `rowid + ${Number(source.csvSkip) + 2}`;
  await conn.run(
    `CREATE TEMP VIEW ${names.view} AS SELECT ${rowExpr} AS _row, rowid AS _rid, * FROM ${names.stage} WHERE NOT _blank AND NOT _skip`,
  );
  await conn.run(
    `CREATE TEMP TABLE ${names.flags} (_row BIGINT, field VARCHAR, code VARCHAR, first_row BIGINT)`,
  );
  return { rowsRead, rowsSkipped, badLines: [], badLineCount: 0, invalidEncoding: false };
}

// The read stopped at the first bad line; read again collecting every bad line, to report them all.
async function diagnoseRead(
  conn: DuckDBConnection,
  source: SourceFile,
  names: StageNames,
  params: ImportParams,
  err: Error,
): Promise<StageResult> {
  const scan = `SELECT count(*) FROM ${readCsvSql(source, names, params, true)}`;
  try {
    await conn.run(scan, paramsFor(scan, params) as never);
  } catch {
    throw new ImportError(
      'unreadable_csv',
      `ファイルを CSV として読めません / cannot read the file as CSV: ${firstLine(err.message)}`,
    );
  }
  const rows = (
    await conn.runAndReadAll(
      `SELECT line, error_type, error_message, csv_line, count(*) OVER () FROM ${names.rejects} ORDER BY line LIMIT 20`,
    )
  ).getRows();
  if (rows.length === 0)
    throw new ImportError(
      'unreadable_csv',
      `ファイルを CSV として読めません / cannot read the file as CSV: ${firstLine(err.message)}`,
    );
  const badLines = rows.map((r) => ({
    line: Number(r[0]),
    kind: String(r[1]),
    message: String(r[2]),
    text: String(r[3] ?? ''),
  }));
  return {
    rowsRead: 0,
    rowsSkipped: 0,
    badLines,
    badLineCount: Number(rows[0][4]),
    invalidEncoding: badLines.some((b) => b.kind === 'INVALID ENCODING'),
  };
}

/** Reads the whole file again, every column as text, into the run's raw table (row i ↔ stage rowid i); for the reject file. */
export async function createRawTable(
  conn: DuckDBConnection,
  source: SourceFile,
  names: StageNames,
  params: ImportParams,
): Promise<void> {
  const sql = `CREATE TEMP TABLE ${names.raw} AS SELECT * FROM ${readCsvSql(source, names, params)}`;
  await conn.run(sql, paramsFor(sql, params) as never);
}

/** Drops the run's temporary objects. */
export async function dropStage(conn: DuckDBConnection, names: StageNames): Promise<void> {
  await conn.run(`DROP VIEW IF EXISTS ${names.view}`);
  const tables = [names.stage, names.flags, names.raw, names.rejects, names.rejectScans];
  for (const t of tables) await conn.run(`DROP TABLE IF EXISTS ${t}`);
}

function firstLine(message: string): string {
  return message.split('\n').slice(0, 3).join(' ').trim();
}
