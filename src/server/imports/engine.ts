// The bridge between the import routes and the importer (src/ingest/import.ts, the same
// importFile the CLI runs): a dry run for the preview (the plan: preset, mapping, status words,
// reading options, every problem), the real import for the commit. The routes speak these small
// types; this file adapts the importer's result to them.
import { dirname, sep } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../errors.js';
import type { ImportResult } from '../../ingest/import.js';
import type { ImportProblem } from '../../ingest/problems.js';
import type { FileEncoding } from '../../ingest/encoding-names.js';
import { ENTITY_NAMES, isEntityName, type EntityName } from '../../ingest/entities.js';

type ImportFile = (typeof import('../../ingest/import.js'))['importFile'];
type PlanModule = typeof import('../../ingest/plan.js');
type RegistryModule = typeof import('../../ingest/presets/registry.js');
type ProblemsModule = typeof import('../../ingest/problems.js');

/** A stored order status, as the importer's status words map to it. */
export type StatusWord = 'completed' | 'cancelled' | 'returned';

/** Why a column that feeds no field is left out (parsed from the importer's note). */
export interface ColumnNote {
  /** conflict: it claims `field` too (ambiguous); taken: `field` comes from another column; manual: ignored by the user (`-`); reason: a reject file's reason column. */
  kind: 'conflict' | 'taken' | 'manual' | 'reason' | 'other';
  field?: string;
  /** conflict: the column that claimed the field first. */
  with?: string;
  text?: string;
}

export interface MappedColumnView {
  header: string;
  /** Canonical field fed by the column, or null when ignored / kept as an attribute. */
  field: string | null;
  /** map (the user's), preset, auto (header words), attribute (customers), ignored. */
  via: string;
  note: ColumnNote | null;
}

/** One problem of the dry run, with what the page needs to offer its fix. */
export interface ProblemView {
  code: string;
  blocking: boolean;
  /** The importer's words (Japanese / English in one text). */
  message: string;
  /** The command-line arguments that would fix it (e.g. ['--map', '注文日=-']). */
  fix: string[] | null;
  /** ambiguous_column, suspicious_column: the field. */
  field?: string;
  /** ambiguous_column: the columns that claim the field; suspicious_column: the column. */
  columns?: string[];
  /** missing_column: the required fields without a column. */
  fields?: string[];
  /** unknown_status: each word, its rows (null when the importer did not say) and a guess. */
  words?: { word: string; count: number | null; guess: StatusWord }[];
  /** guests: orders without a customer, of all orders. */
  guests?: { guests: number; orders: number };
}

export interface ImportPreview {
  entity: string;
  file: string;
  /** What was detected in the file: format, encoding, delimiter, mode, preset. */
  detected: Record<string, unknown>;
  /** The platform preset the header matched, with its name in the user's words. */
  preset: { id: string; label: { ja: string; en: string } } | null;
  /** How customers are identified (orders, order items, contacts). */
  customer_key: { rule: string; headers: string[] } | null;
  /** Orders without a customer, of all orders in the file (once the mapping is settled). */
  guest_orders: { guests: number; orders: number } | null;
  rows_skipped: number;
  skip_reason: { ja: string; en: string } | null;
  mapping: MappedColumnView[];
  /** The fields a column may feed (the choices of the page's selects); `required` in this mode. */
  fields: { name: string; required: boolean }[];
  /** Every problem of the dry run, blocking or not. */
  problems: ProblemView[];
  /** True when a problem stops the import (the commit is refused until it is fixed). */
  blocked: boolean;
  /** The `kenshin import` line with every fix (when there are problems). */
  command: string | null;
  /** The first rows as they would be stored (canonical field names), of each target table. */
  rows: Record<string, unknown>[];
  tables: { table: string; rows: Record<string, unknown>[] }[];
  counts: Record<string, number>;
  /** Rejected rows: row number, column and reason. */
  errors: {
    row: number | null;
    column: string | null;
    field?: string;
    value?: string | null;
    /** The stable reason code (invalid_date, invalid_status, …). */
    code?: string;
    /** The importer's words (Japanese / English). */
    reason: string;
  }[];
  warnings: string[];
}

/** What the user decided in the page (the options of `kenshin import`). */
export interface ImportOptions {
  /** Explicit column mapping: source header → canonical field ('-' ignores a column). */
  mapping?: Record<string, string>;
  /** What a status word means (--status). */
  statusWords?: Record<string, StatusWord>;
  /** Store a file whose orders are mostly guests (--allow-guests). */
  allowGuests?: boolean;
  /** Contacts: the channel of every row (--channel). */
  channel?: string;
  encoding?: FileEncoding;
  delimiter?: string;
  sheet?: string;
  skip?: number;
  /** A saved mapping to start from (--mapping). */
  mappingName?: string;
  /** Commit: save this import's mapping under a name (--save-mapping). */
  saveMappingAs?: string;
  /** Commit: store the valid rows and write the invalid ones here (--reject-file). */
  rejectFile?: string;
}

export interface ImportEngine {
  preview(
    conn: DuckDBConnection,
    entity: string,
    path: string,
    opts: ImportOptions,
  ): Promise<ImportPreview>;
  commit(
    conn: DuckDBConnection,
    entity: string,
    path: string,
    opts: ImportOptions,
  ): Promise<Record<string, unknown>>;
  entities: readonly string[];
}

/** Returns the row errors of a result in the routes' shape. */
function errorsOf(r: ImportResult): ImportPreview['errors'] {
  return r.validation.errors.map((e) => ({
    row: e.row,
    column: e.column,
    field: e.field,
    value: e.value,
    code: e.code,
    reason: e.message,
  }));
}

/** Returns the entity name or throws a 400. */
function entityOf(entity: string): EntityName {
  if (!isEntityName(entity)) {
    throw new ApiError(
      400,
      'unknown_entity',
      `Unknown entity ${entity}: one of ${ENTITY_NAMES.join(', ')}.`,
      `取り込み対象 ${entity} は不明です: ${ENTITY_NAMES.join(', ')}`,
    );
  }
  return entity;
}

/** Returns the structured note of a column the importer left out. */
export function noteOf(note: string | undefined): ColumnNote | null {
  if (!note) return null;
  if (note === '--map') return { kind: 'manual' };
  if (note === 'reject-file reason') return { kind: 'reason' };
  let m = /^(\S+) is also claimed by (.*)$/.exec(note);
  if (m) return { kind: 'conflict', field: m[1], with: m[2] };
  m = /^(\S+) is mapped from another column$/.exec(note);
  if (m) return { kind: 'taken', field: m[1] };
  return { kind: 'other', text: note };
}

/** Returns a problem with the structured parts the page offers a fix for (as the importer gives them). */
export function problemView(
  p: ImportProblem,
  r: Pick<ImportResult, 'guestOrders'>,
  guess: (word: string) => StatusWord,
): ProblemView {
  const view: ProblemView = {
    code: p.code,
    blocking: p.blocking,
    message: p.message,
    fix: p.fix ?? null,
  };
  if (p.columns) view.columns = p.columns;
  if (p.field) view.field = p.field;
  if (p.fields) view.fields = p.fields;
  if (p.code === 'unknown_status' && p.words) {
    view.words = p.words.map((w) => ({ word: w.word, count: w.count, guess: guess(w.word) }));
  } else if (p.code === 'guests' && r.guestOrders) {
    view.guests = r.guestOrders;
  }
  return view;
}

const CUSTOMER_ENTITIES = new Set(['orders', 'order-items', 'contacts']);

/** Returns the engine over the importer's importFile and its plan helpers. */
function ingestEngine(
  importFile: ImportFile,
  plan: PlanModule,
  registry: RegistryModule,
  problems: ProblemsModule,
): ImportEngine {
  const request = (entity: string, path: string, opts: ImportOptions) => ({
    entity: entityOf(entity),
    file: path,
    map: opts.mapping,
    statusWords: opts.statusWords,
    allowGuests: opts.allowGuests,
    channel: opts.channel,
    encoding: opts.encoding,
    delimiter: opts.delimiter,
    sheet: opts.sheet,
    skip: opts.skip,
    mappingName: opts.mappingName,
    maxErrors: 50,
  });

  return {
    entities: ENTITY_NAMES,

    async preview(conn, entity, path, opts) {
      const r = await importFile(conn, { ...request(entity, path, opts), dryRun: true });
      const tables = r.preview.map((p) => ({
        table: p.table,
        rows: p.rows.map((row) => Object.fromEntries(p.columns.map((c, k) => [c, row[k]]))),
      }));
      const preset = r.preset ? (registry.presetById(r.preset) ?? null) : null;
      const required = new Set(plan.requiredFields(r.entity, r.mode));
      const seen = new Set<string>();
      const fields = plan
        .candidateFields(r.entity, preset)
        .filter((f) => !seen.has(f.name) && seen.add(f.name))
        .map((f) => ({ name: f.name, required: required.has(f.name) }));
      const views = r.problems.map((p) => problemView(p, r, problems.guessStatus));
      return {
        entity: r.entity,
        file: path,
        detected: {
          format: r.format,
          encoding: r.encoding,
          bom: r.bom,
          delimiter: r.delimiter === '\t' ? 'tab' : r.delimiter,
          gzip: r.gzip,
          mode: r.mode,
          preset: r.preset,
          sheet: r.sheet ?? null,
        },
        preset: r.preset && r.presetLabel ? { id: r.preset, label: r.presetLabel } : null,
        customer_key: CUSTOMER_ENTITIES.has(r.entity) ? r.customerKey : null,
        guest_orders: r.guestOrders,
        rows_skipped: r.rowsSkipped,
        skip_reason: r.skipReason,
        mapping: r.mapping.map((c) => ({
          header: c.header,
          field: c.field,
          via: c.via,
          note: noteOf(c.note),
        })),
        fields,
        problems: views,
        blocked: views.some((p) => p.blocking),
        // The upload's folder is the server's business: the command names the file only.
        command: r.command?.replaceAll(dirname(path) + sep, '') ?? null,
        rows: tables[0]?.rows ?? [],
        tables,
        counts: {
          rows_read: r.rowsRead,
          rows_rejected: r.rowsRejected,
          rows_collapsed: r.rowsCollapsed,
          rows_skipped: r.rowsSkipped,
        },
        errors: errorsOf(r),
        warnings: r.warnings,
      };
    },

    async commit(conn, entity, path, opts) {
      const r = await importFile(conn, {
        ...request(entity, path, opts),
        saveMappingAs: opts.saveMappingAs,
        rejectFile: opts.rejectFile,
      });
      if (!r.ok) {
        throw new ApiError(
          400,
          'import_invalid_rows',
          `${r.rowsRejected} rows are invalid; nothing was stored.`,
          `${r.rowsRejected} 行に誤りがあります。何も取り込んでいません。`,
          errorsOf(r),
        );
      }
      return {
        run_id: r.runId,
        preset: r.preset,
        rows_read: r.rowsRead,
        rows_stored: r.rowsStored,
        rows_rejected: r.rowsRejected,
        rows_collapsed: r.rowsCollapsed,
        rows_skipped: r.rowsSkipped,
        guest_orders: r.guestOrders,
        tables: r.tables,
        saved_mapping: opts.saveMappingAs ?? null,
        seconds: +r.seconds.toFixed(2),
      };
    },
  };
}

/**
 * Returns the importer used by the routes, or null when it cannot be loaded. Loaded lazily so
 * that the rest of the dashboard still starts when the importer is broken (the import routes
 * then answer 501 import_unavailable).
 */
export async function loadImportEngine(log?: (err: unknown) => void): Promise<ImportEngine | null> {
  try {
    const [{ importFile }, plan, registry, problems] = await Promise.all([
      import('../../ingest/import.js'),
      import('../../ingest/plan.js'),
      import('../../ingest/presets/registry.js'),
      import('../../ingest/problems.js'),
    ]);
    return ingestEngine(importFile, plan, registry, problems);
  } catch (err) {
    log?.(err);
    return null;
  }
}
