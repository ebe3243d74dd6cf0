// The bridge between the import routes and the importer (src/ingest/import.ts, the same
// importFile the CLI runs): a dry run for the preview, the real import for the commit. The
// routes speak these small types; this file adapts the importer's result to them.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ApiError } from '../errors.js';
import type { ImportResult } from '../../ingest/import.js';
import { ENTITY_NAMES, isEntityName } from '../../ingest/entities.js';

type ImportFile = (typeof import('../../ingest/import.js'))['importFile'];

export interface MappedColumnView {
  header: string;
  /** Canonical field fed by the column, or null when ignored / kept as an attribute. */
  field: string | null;
  via: string;
}

export interface ImportPreview {
  entity: string;
  file: string;
  /** What was detected in the file: format, encoding, delimiter, mode, preset. */
  detected: Record<string, unknown>;
  mapping: MappedColumnView[];
  /** The first rows as they would be stored (canonical field names), of each target table. */
  rows: Record<string, unknown>[];
  tables: { table: string; rows: Record<string, unknown>[] }[];
  counts: Record<string, number>;
  /** Rejected rows: row number, column and reason. */
  errors: { row: number | null; column: string | null; reason: string }[];
  warnings: string[];
}

export interface ImportOptions {
  /** Explicit column mapping: source header → canonical field ('-' ignores a column). */
  mapping?: Record<string, string>;
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
  return r.validation.errors.map((e) => ({ row: e.row, column: e.column, reason: e.message }));
}

/** Returns the entity name or throws a 400. */
function entityOf(entity: string) {
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

/** Returns the engine over the importer's importFile. */
function ingestEngine(importFile: ImportFile): ImportEngine {
  return {
    entities: ENTITY_NAMES,

    async preview(conn, entity, path, opts) {
      const r = await importFile(conn, {
        entity: entityOf(entity),
        file: path,
        map: opts.mapping,
        dryRun: true,
        maxErrors: 50,
      });
      const tables = r.preview.map((p) => ({
        table: p.table,
        rows: p.rows.map((row) => Object.fromEntries(p.columns.map((c, k) => [c, row[k]]))),
      }));
      return {
        entity,
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
        mapping: r.mapping.map((c) => ({ header: c.header, field: c.field, via: c.via })),
        rows: tables[0]?.rows ?? [],
        tables,
        counts: {
          rows_read: r.rowsRead,
          rows_rejected: r.rowsRejected,
          rows_collapsed: r.rowsCollapsed,
        },
        errors: errorsOf(r),
        warnings: r.warnings,
      };
    },

    async commit(conn, entity, path, opts) {
      const r = await importFile(conn, {
        entity: entityOf(entity),
        file: path,
        map: opts.mapping,
        maxErrors: 50,
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
        rows_read: r.rowsRead,
        rows_stored: r.rowsStored,
        rows_rejected: r.rowsRejected,
        rows_collapsed: r.rowsCollapsed,
        tables: r.tables,
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
    const { importFile } = await import('../../ingest/import.js');
    return ingestEngine(importFile);
  } catch (err) {
    log?.(err);
    return null;
  }
}
