// One import, start to end: read the file (source.ts), map its headers (plan.ts), stage and type it
// in DuckDB (stage.ts), validate in SQL (validate.ts), then either report and store nothing, or
// store everything in one transaction (src/store/import-store.ts). The CLI and the server call
// importFile and print or serialise its result.
import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { loadMapping, saveMapping, type SavedMapping } from '../store/import-mappings.js';
import { storeImport, type StoreCounts } from '../store/import-store.js';
import { loadSettings } from '../store/settings-store.js';
import { sha256File, type FileEncoding } from './encoding.js';
import type { EntityName } from './entities.js';
import { guardEntity } from './entity-guard.js';
import { ImportError } from './errors.js';
import { finalRowsQuery, type FinalQuery } from './final-sql.js';
import type { MappedColumn } from './headers.js';
import { itemsFromLines, ordersFromLines } from './line-items.js';
import { customerAliasesSql } from './identity.js';
import { buildPlan, type CustomerKey, type ImportMode, type ImportPlan } from './plan.js';
import type { CanonicalStatus } from './presets/types.js';
import {
  guestProblem,
  planProblems,
  suggestedCommand,
  suspiciousColumns,
  unknownStatusProblem,
  type ImportProblem,
} from './problems.js';
import { withQueryProgress, type ImportProgress } from './progress.js';
import { importWarnings, preview, type Preview } from './inspect.js';
import { notUtf8Explained } from './mixed-encoding.js';
import { writeRejectFile } from './reject-file.js';
import { withImportMemory } from '../store/memory.js';
import {
  openSource,
  readySource,
  retranscode,
  sourceFacts,
  type SourceFacts,
  type SourceFile,
} from './source.js';
import { keptCol, paramsFor, typedCol } from './sql.js';
import {
  createStage,
  dropStage,
  stageNames,
  usedColumns,
  type BadLine,
  type ImportParams,
  type StageNames,
} from './stage.js';
import {
  flagDuplicates,
  flagOrderConflicts,
  flagOrdersWithBadLines,
  okSql,
  scanRows,
  summarise,
  type ValidationState,
  type ValidationSummary,
} from './validate.js';
import { relabelErrors } from './wide.js';

export interface ImportRequest {
  entity: EntityName;
  file: string;
  encoding?: FileEncoding;
  delimiter?: string;
  sheet?: string;
  skip?: number;
  /** header → field (--map); '-' ignores a column. */
  map?: Record<string, string>;
  /** Reuse a saved mapping (--mapping NAME); --map entries win over it. */
  mappingName?: string;
  /** Save the mapping of this import under a name once it succeeds (--save-mapping NAME). */
  saveMappingAs?: string;
  /** strptime format for a date column in another form (--date-format). */
  dateFormat?: string;
  /** Order-id prefix of credit notes (--credit-prefix), e.g. "C" in Online Retail. */
  creditPrefix?: string;
  /** The user's status words (--status "発送待ち=completed"); saved with the mapping. */
  statusWords?: Record<string, CanonicalStatus>;
  /** Store a file whose orders are mostly guests (--allow-guests); refused otherwise. */
  allowGuests?: boolean;
  /** Contacts: the channel of every row when the file has no channel column (--channel email). */
  channel?: string;
  /** Write invalid rows here and store the valid ones (--reject-file). */
  rejectFile?: string;
  dryRun?: boolean;
  /** Problems listed in the report (the total is always given). */
  maxErrors?: number;
  progress?: ImportProgress;
}

export interface ImportResult extends SourceFacts {
  /** False when invalid rows stopped the import (nothing stored). */
  ok: boolean;
  dryRun: boolean;
  entity: EntityName;
  file: string;
  mode: ImportMode;
  /** The detected platform preset's id, and its name in the user's words. */
  preset: string | null;
  presetLabel: { ja: string; en: string } | null;
  /** How customers are identified (the rule and its columns). */
  customerKey: CustomerKey;
  /** Orders without a customer, of all orders in the file (orders files only). */
  guestOrders: { guests: number; orders: number } | null;
  /** Rows the preset's rule kept out (fee lines, cash-drawer rows, failed sends), and why. */
  rowsSkipped: number;
  skipReason: { ja: string; en: string } | null;
  /** Everything that stands in the way, all at once, and the command line that fixes it. */
  problems: ImportProblem[];
  command: string | null;
  format: string;
  gzip: boolean;
  encoding: string;
  bom: boolean;
  delimiter: string;
  sheet?: string;
  mapping: MappedColumn[];
  rowsRead: number;
  rowsStored: number;
  rowsRejected: number;
  /** Exact repeats of an earlier row, stored once. */
  rowsCollapsed: number;
  tables: StoreCounts[];
  validation: ValidationSummary;
  warnings: string[];
  preview: Preview[];
  rejectFile?: string;
  runId: string;
  seconds: number;
  /** Seconds spent per stage (preparing, reading, validating, storing). */
  timings: Record<string, number>;
}

/** Seconds per stage of an import, for the result and the benchmark. */
class StageClock {
  readonly t0 = performance.now();
  readonly timings: Record<string, number> = {};
  private last = this.t0;

  /** Records the time since the previous lap under `stage`. */
  lap(stage: string): void {
    const now = performance.now();
    this.timings[stage] = +((now - this.last) / 1000).toFixed(3);
    this.last = now;
  }

  /** Returns the seconds since the start. */
  seconds(): number {
    return (performance.now() - this.t0) / 1000;
  }
}

/** One run's working state: its temp names, bound parameters and the prepared file. */
interface Run {
  id: string;
  names: StageNames;
  params: ImportParams;
  source: SourceFile;
  timezone: string;
  startedAt: Date;
  /** The file's SHA-256, started once the file is transcoded (null before). */
  hash: Promise<string> | null;
  clock: StageClock;
}

/** Imports one file into the store; returns what happened (ok=false: invalid rows, nothing stored). Throws ImportError on file-level problems. */
export async function importFile(
  conn: DuckDBConnection,
  req: ImportRequest,
): Promise<ImportResult> {
  const clock = new StageClock();
  const settings = await loadSettings(conn);
  const opts = await withSavedMapping(conn, req);
  req.progress?.stage('preparing');
  const source = await openSource(req.file, {
    encoding: opts.encoding,
    delimiter: opts.delimiter,
    sheet: opts.sheet,
    skip: opts.skip,
    wide: req.entity === 'ad-spend',
    onBytes: (done, total) => req.progress?.update(done / total),
  });
  const id = randomBytes(8).toString('hex');
  const params: ImportParams = { tz: settings.timezone, currency: settings.currency };
  if (opts.dateFormat) params.date_format = opts.dateFormat;
  if (opts.creditPrefix) params.credit_prefix = opts.creditPrefix;
  const run: Run = {
    id,
    names: stageNames(id),
    params,
    source,
    timezone: settings.timezone,
    startedAt: new Date(),
    hash: null,
    clock,
  };
  try {
    // An import streams the file: memory beyond its share only fills DuckDB's buffer pool.
    return await withImportMemory(conn, () => runImport(conn, opts, run));
  } finally {
    req.progress?.stop();
    await dropStage(conn, run.names).catch(() => undefined);
    await run.source.cleanup();
  }
}

async function runImport(
  conn: DuckDBConnection,
  req: ImportRequest,
  run: Run,
): Promise<ImportResult> {
  const { names, params, clock } = run;
  const plan = buildPlan(req.entity, run.source.headers, {
    explicit: req.map,
    creditPrefix: req.creditPrefix,
    statusWords: req.statusWords,
    channel: req.channel,
  });
  guardEntity(plan, req.file);
  // A Shift_JIS file is transcoded now, with only the columns the plan reads.
  if (run.source.pending) req.progress?.stage('transcoding');
  await readySource(run.source, usedColumns(plan, run.source.headers.length));
  clock.lap('preparing');
  // Hashed while DuckDB reads, not while the file is transcoded: on two cores the transcode's
  // two threads (the decode and the column projector) already use both.
  run.hash = sha256File(req.file);
  run.hash.catch(() => undefined);
  const staged = await stageWithRetry(conn, run.source, plan, names, params, req.progress);
  run.source = staged.source;
  await linkDerivedKeys(conn, plan, names);
  clock.lap('reading');
  req.progress?.stage('validating');
  const problems = [...planProblems(plan), ...(await statusProblems(conn, plan, names))];
  const suspicious = suspiciousColumns(plan);
  if (problems.some((p) => p.blocking && p.code !== 'unknown_status')) {
    // The mapping itself is not settled: say everything that is known, store nothing.
    const result = describe(req, run, plan, staged, NO_ROWS, []);
    return withProblems(result, req, [...problems, ...suspicious], clock);
  }
  const v = await validate(conn, plan, names, params, req);
  const targets = finalQueries(plan, names, v.state);
  const warnings = await importWarnings(conn, plan, names, params, v.state.fieldErrors);
  const result = describe(req, run, plan, staged, v.summary, warnings);
  result.guestOrders = await countGuests(conn, plan, targets, params);
  const g = result.guestOrders;
  if (g && g.orders > 0 && g.guests * 2 > g.orders && !req.allowGuests)
    problems.push(guestProblem(g.guests, g.orders, plan, suspicious));
  clock.lap('validating');
  if (problems.some((p) => p.code === 'guests') || (problems.length && req.dryRun)) {
    if (req.dryRun) result.preview = await preview(conn, targets, params, 10);
    return withProblems(result, req, [...problems, ...suspicious], clock);
  }
  result.problems = suspicious;
  if (req.dryRun || (v.summary.badRows > 0 && !req.rejectFile)) {
    result.ok = !(v.summary.badRows > 0 && !req.rejectFile);
    if (req.dryRun) result.preview = await preview(conn, targets, params, 10);
    result.seconds = clock.seconds();
    return result;
  }
  if (v.summary.badRows > 0 && req.rejectFile) {
    // The reject file gives the rows with all their columns: a projected file lacks some.
    if (run.source.csvColumns) run.source = await retranscode(run.source, run.source.encoding);
    await writeRejectFile(conn, run.source, plan, names, params, v.state.flags, req.rejectFile);
    result.rejectFile = req.rejectFile;
    clock.lap('rejecting');
    // Every row rejected: nothing to store is a failed import, not a run (no import_runs row).
    if (v.summary.badRows >= staged.rowsRead - staged.rowsSkipped)
      return { ...result, seconds: clock.seconds() };
  }
  req.progress?.stage('storing');
  result.rowsStored =
    staged.rowsRead - staged.rowsSkipped - v.summary.badRows - v.summary.collapsed;
  const record = {
    runId: run.id,
    entity: req.entity,
    file: resolve(req.file),
    sha256: await (run.hash ?? sha256File(req.file)),
    rowsRead: staged.rowsRead,
    rowsStored: result.rowsStored,
    rowsRejected: v.summary.badRows,
    startedAt: localTime(run.startedAt, run.timezone),
    finishedAt: localTime(new Date(), run.timezone),
  };
  result.tables = await withQueryProgress(conn, req.progress, () =>
    storeImport(conn, targets, params, record, names.stage, () => linkStoredOrders(conn, plan)),
  );
  if (req.saveMappingAs) await saveMapping(conn, savedFrom(req, plan, run.source));
  clock.lap('storing');
  result.ok = true;
  result.seconds = clock.seconds();
  return result;
}

const NO_ROWS: ValidationSummary = { badRows: 0, collapsed: 0, errors: [], counts: [] };

// The result before anything is stored (ok and the counts of storing are filled in later).
function describe(
  req: ImportRequest,
  run: Run,
  plan: ImportPlan,
  staged: { rowsRead: number; rowsSkipped: number },
  validation: ValidationSummary,
  warnings: string[],
): ImportResult {
  const s = run.source;
  const rowsRead = staged.rowsRead;
  return {
    ok: false,
    dryRun: Boolean(req.dryRun),
    entity: plan.entity,
    file: req.file,
    mode: plan.mode,
    preset: plan.preset,
    presetLabel: plan.presetDef?.label ?? null,
    customerKey: plan.customerKey,
    guestOrders: null,
    rowsSkipped: staged.rowsSkipped,
    skipReason: staged.rowsSkipped ? (plan.presetDef?.skipReason ?? null) : null,
    problems: [],
    command: null,
    format: s.format,
    gzip: s.gzip,
    encoding: s.encoding,
    bom: s.bom,
    delimiter: s.delimiter,
    sheet: s.sheet,
    ...sourceFacts(s),
    mapping: plan.mapping.columns,
    rowsRead,
    rowsStored: 0,
    rowsRejected: validation.badRows,
    rowsCollapsed: validation.collapsed,
    tables: [],
    validation: relabelErrors(s.wide, validation),
    warnings: [...s.warnings, ...warnings],
    preview: [],
    runId: run.id,
    seconds: 0,
    timings: run.clock.timings,
  };
}

// Options of a saved mapping fill in what the request leaves open; explicit --map entries win.
async function withSavedMapping(
  conn: DuckDBConnection,
  req: ImportRequest,
): Promise<ImportRequest> {
  if (!req.mappingName) return req;
  const saved = await loadMapping(conn, req.mappingName);
  if (!saved)
    throw new ImportError(
      'mapping_not_found',
      `保存されたマッピング「${req.mappingName}」がありません / no saved mapping "${req.mappingName}"`,
    );
  if (saved.entity !== req.entity) {
    throw new ImportError(
      'mapping_entity',
      `マッピング「${saved.name}」は ${saved.entity} 用です / mapping "${saved.name}" is for ${saved.entity}, not ${req.entity}`,
    );
  }
  const o = saved.options;
  return {
    ...req,
    map: { ...saved.mapping, ...req.map },
    encoding: req.encoding ?? (o.encoding as FileEncoding | undefined),
    delimiter: req.delimiter ?? (o.delimiter as string | undefined),
    sheet: req.sheet ?? (o.sheet as string | undefined),
    skip: req.skip ?? (o.skip as number | undefined),
    dateFormat: req.dateFormat ?? (o.dateFormat as string | undefined),
    creditPrefix: req.creditPrefix ?? (o.creditPrefix as string | undefined),
    statusWords: {
      ...((o.statusWords as Record<string, CanonicalStatus> | undefined) ?? {}),
      ...req.statusWords,
    },
  };
}

// The mapping to save: every column's field as this import used it, and the reading options the
// user gave (a saved mapping carries its own forward).
function savedFrom(req: ImportRequest, plan: ImportPlan, source: SourceFile): SavedMapping {
  const mapping: Record<string, string> = {};
  for (const c of plan.mapping.columns) {
    if (c.field && (c.via === 'map' || c.via === 'auto' || c.via === 'preset'))
      mapping[c.header] = c.field;
    else if (c.via === 'ignored' && c.note === '--map') mapping[c.header] = '-';
  }
  const options: Record<string, string | number | Record<string, string>> = {};
  if (req.statusWords && Object.keys(req.statusWords).length) options.statusWords = req.statusWords;
  if (req.encoding) options.encoding = source.encoding;
  if (req.delimiter) options.delimiter = source.delimiter;
  for (const k of ['sheet', 'skip', 'dateFormat', 'creditPrefix'] as const) {
    if (req[k] !== undefined) options[k] = req[k]!;
  }
  return { name: req.saveMappingAs!, entity: req.entity, mapping, options };
}

// A file whose first 64 KiB are plain ASCII was taken for UTF-8; when DuckDB meets other bytes
// further down, the file is Shift_JIS after all (Excel's CSV): transcode it and read again.
async function stageWithRetry(
  conn: DuckDBConnection,
  source: SourceFile,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  progress?: ImportProgress,
): Promise<{ source: SourceFile; rowsRead: number; rowsSkipped: number }> {
  progress?.stage('reading');
  let staged = await stageOrBadUtf8(conn, source, plan, names, params, progress);
  if (staged.invalidEncoding && source.asciiGuess) {
    await dropStage(conn, names);
    progress?.stage('transcoding');
    source = await retranscode(source, 'cp932', { onBytes: (d, t) => progress?.update(d / t) });
    progress?.stage('reading');
    staged = await stageOrBadUtf8(conn, source, plan, names, params, progress);
  }
  if (staged.invalidEncoding)
    throw await notUtf8Explained(
      source.path,
      source.gzip,
      staged.badLines.find((b) => b.kind === 'INVALID ENCODING')?.line,
    );
  if (staged.badLineCount > 0) throw badLinesError(source, staged.badLines, staged.badLineCount);
  return { source, rowsRead: staged.rowsRead, rowsSkipped: staged.rowsSkipped };
}

// DuckDB's rejects scan does not always list a line that is not UTF-8 (then the read is reported
// unreadable): that is an encoding problem too, which the caller explains line by line.
async function stageOrBadUtf8(
  ...args: Parameters<typeof createStage>
): ReturnType<typeof createStage> {
  try {
    return await createStage(...args);
  } catch (err) {
    if (!(err instanceof ImportError && err.code === 'unreadable_csv')) throw err;
    if (!/invalid unicode|not utf-8 encoded/i.test(err.message)) throw err;
    return { rowsRead: 0, rowsSkipped: 0, badLines: [], badLineCount: 0, invalidEncoding: true };
  }
}

function badLinesError(source: SourceFile, lines: BadLine[], total: number): ImportError {
  const list = lines
    .slice(0, 10)
    .map(
      (b) =>
        `  ${basename(source.path)} line ${b.line}: ${b.message} — ${b.text.replace(/\s+$/, '').slice(0, 80)}`,
    )
    .join('\n');
  return new ImportError(
    'bad_lines',
    `列の数が見出しと合わない行が ${total} 行あります。何も取り込んでいません / ${total} lines do not split into the header's ` +
      `${source.headers.length} columns (delimiter ${JSON.stringify(source.delimiter)}); nothing was stored.\n${list}`,
  );
}

// One scan counts the rows with a column error and, for keyed files, the distinct keys; duplicate
// keys and disagreeing order lines are looked for only when that scan says there may be some.
async function validate(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
  params: ImportParams,
  req: ImportRequest,
): Promise<{ summary: ValidationSummary; state: ValidationState }> {
  const scan = await scanRows(conn, plan, names, params);
  const state: ValidationState = { fieldErrors: scan.bad > 0, flags: false };
  if (plan.mode === 'rows' && scan.keys < scan.valid) {
    state.flags = (await flagDuplicates(conn, plan, names, params, state.fieldErrors)) > 0;
  }
  if (plan.mode === 'lines' && scan.valid > 0) {
    state.flags = (await flagOrderConflicts(conn, plan, names, params, state.fieldErrors)) > 0;
  }
  if (!state.fieldErrors && !state.flags)
    return { summary: { badRows: 0, collapsed: 0, errors: [], counts: [] }, state };
  const limit = req.maxErrors ?? 20;
  let summary = await summarise(conn, plan, names, params, state.flags, limit);
  if (summary.badRows > 0 && req.rejectFile && plan.mode !== 'rows') {
    // With a reject file the valid rows are stored: an order must not be stored with only some of its lines.
    await flagOrdersWithBadLines(conn, plan, names, params, state.flags);
    state.flags = true;
    summary = await summarise(conn, plan, names, params, state.flags, limit);
  }
  return { summary, state };
}

function finalQueries(plan: ImportPlan, names: StageNames, state: ValidationState): FinalQuery[] {
  const ok = okSql(plan, names, state);
  if (plan.mode === 'lines')
    return [ordersFromLines(plan, names.view, ok), itemsFromLines(plan, names.view, ok)];
  if (plan.mode === 'items') return [itemsFromLines(plan, names.view, ok)];
  return [finalRowsQuery(plan, names.view, ok)];
}

/** Returns 'YYYY-MM-DD HH:MM:SS' of an instant in a timezone. */
export function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    dateStyle: 'short',
    timeStyle: 'medium',
    hourCycle: 'h23',
  }).format(at);
}

// A key derived from e-mail or name + phone names a customer whose id a customers file gave:
// such rows are that customer's (docs/import-formats.md, "Customer identity").
async function linkDerivedKeys(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
): Promise<void> {
  const rule = plan.customerKey.rule;
  if (rule === 'id' || rule === 'none') return;
  const c = typedCol('customer_id');
  await conn.run(
    `UPDATE ${names.stage} SET ${c} = a.customer_id FROM (${customerAliasesSql()}) a WHERE ${c} = a.k`,
  );
}

// After a customers file is stored: orders and contacts stored under a key derived from one of
// its customers' e-mail or name + phone now carry that customer's id, in the same transaction.
async function linkStoredOrders(conn: DuckDBConnection, plan: ImportPlan): Promise<void> {
  if (plan.entity !== 'customers') return;
  for (const table of ['orders', 'contacts']) {
    await conn.run(
      `UPDATE ${table} SET customer_id = a.customer_id FROM (${customerAliasesSql()}) a
       WHERE ${table}.customer_id = a.k AND a.k <> a.customer_id`,
    );
  }
}

// Status words neither the preset, the user nor the general words know, with their counts.
async function statusProblems(
  conn: DuckDBConnection,
  plan: ImportPlan,
  names: StageNames,
): Promise<ImportProblem[]> {
  if (!plan.fields.some((f) => f.name === 'status')) return [];
  const sql = `SELECT ${keptCol('status')} AS w, count(*) AS n FROM ${names.view}
    WHERE ${typedCol('status')} IS NULL AND ${keptCol('status')} IS NOT NULL AND trim(${keptCol('status')}) <> ''
    GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50`;
  const words = (await conn.runAndReadAll(sql))
    .getRows()
    .map((r) => ({ word: String(r[0]).trim(), count: Number(r[1]) }));
  const p = unknownStatusProblem(words);
  return p ? [p] : [];
}

// Orders without a customer among the orders the import would store.
async function countGuests(
  conn: DuckDBConnection,
  plan: ImportPlan,
  targets: FinalQuery[],
  params: ImportParams,
): Promise<{ guests: number; orders: number } | null> {
  const orders = targets.find((t) => t.table === 'orders');
  if (!orders) return null;
  const sql = `SELECT count(*) FILTER (WHERE customer_id IS NULL), count(*) FROM (${orders.sql})`;
  const [guests, total] = (await conn.runAndReadAll(sql, paramsFor(sql, params) as never))
    .getRows()[0]
    .map(Number);
  return plan.fields.length ? { guests, orders: total } : null;
}

// The result of an import that cannot store the file as it is: every problem, and the command
// line that applies every fix to the flags the user gave.
function withProblems(
  result: ImportResult,
  req: ImportRequest,
  problems: ImportProblem[],
  clock: StageClock,
): ImportResult {
  result.ok = false;
  result.problems = problems;
  const args = requestArgs(req);
  for (const p of problems) if (p.fix) args.push(...p.fix);
  result.command = suggestedCommand(result.entity, req.file, args);
  result.seconds = clock.seconds();
  if (req.dryRun) return result;
  // Not a dry run: a file-level refusal, with every problem and the command that fixes them.
  const blocking = problems.filter((p) => p.blocking);
  const first = blocking[0] ?? problems[0];
  throw new ImportError(
    first.code === 'guests' ? 'too_many_guests' : first.code,
    [
      ...blocking.map((p) => p.message),
      `修正したコマンド / fixed command:\n  ${result.command}`,
    ].join('\n'),
  );
}

// The flags of a request, as the user would type them again.
function requestArgs(req: ImportRequest): string[] {
  const args: string[] = [];
  for (const [h, f] of Object.entries(req.map ?? {})) args.push('--map', `${h}=${f}`);
  for (const [w, st] of Object.entries(req.statusWords ?? {})) args.push('--status', `${w}=${st}`);
  if (req.encoding) args.push('--encoding', req.encoding);
  if (req.delimiter) args.push('--delimiter', req.delimiter === '\t' ? 'tab' : req.delimiter);
  if (req.sheet) args.push('--sheet', req.sheet);
  if (req.skip !== undefined) args.push('--skip', String(req.skip));
  if (req.dateFormat) args.push('--date-format', req.dateFormat);
  if (req.creditPrefix) args.push('--credit-prefix', req.creditPrefix);
  if (req.allowGuests) args.push('--allow-guests');
  if (req.channel) args.push('--channel', req.channel);
  return args;
}
