// The API's shapes that are neither the report (src/report, @report/*) nor a pure domain type
// (the findings history and the simulation, src/domain): the segments list and the import plan.
// Their sources (src/store/segments.ts, src/ingest, src/server/imports) are not type-only
// importable without pulling the database and importer code into the dashboard's type check,
// so they are written here.
import type { Text } from '@report/index.js';

export interface SegmentCount {
  name: string;
  kind: 'builtin' | 'saved';
  /** A built-in's name in each language, a saved segment's own name. */
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  summary: string;
  /** null when the segment reads customer value the date lacks; `unavailable` says why. */
  count: number | null;
  unavailable: { code: string; message_ja: string; message_en: string } | null;
}

// The import API (src/server/routes/import.ts, src/server/imports/engine.ts): the plan of one
// upload as the importer's dry run gives it, the user's choices, and the commit's result.
export type StoredStatus = 'completed' | 'cancelled' | 'returned';

export interface ImportColumn {
  header: string;
  /** The canonical field the column feeds, or null. */
  field: string | null;
  via: 'map' | 'preset' | 'auto' | 'attribute' | 'ignored' | string;
  note: {
    kind: 'conflict' | 'taken' | 'manual' | 'reason' | 'other';
    field?: string;
    with?: string;
    text?: string;
  } | null;
}

export interface ImportProblem {
  code:
    | 'ambiguous_column'
    | 'missing_column'
    | 'unknown_status'
    | 'suspicious_column'
    | 'guests'
    | string;
  blocking: boolean;
  /** The importer's words (Japanese / English in one text). */
  message: string;
  /** The `kenshin import` arguments that would fix it. */
  fix: string[] | null;
  field?: string;
  columns?: string[];
  fields?: string[];
  words?: { word: string; count: number | null; guess: StoredStatus }[];
  guests?: { guests: number; orders: number };
}

export interface ImportRowError {
  row: number | null;
  column: string | null;
  field?: string;
  value?: string | null;
  code?: string;
  reason: string;
}

export interface ImportPlan {
  upload_id: string;
  entity: string;
  file: string;
  detected: {
    format: string;
    encoding: string;
    bom: boolean;
    delimiter: string;
    gzip: boolean;
    mode: 'rows' | 'lines' | 'items';
    preset: string | null;
    sheet: string | null;
  };
  preset: { id: string; label: Text } | null;
  customer_key: { rule: string; headers: string[] } | null;
  guest_orders: { guests: number; orders: number } | null;
  rows_skipped: number;
  skip_reason: Text | null;
  mapping: ImportColumn[];
  fields: { name: string; required: boolean }[];
  problems: ImportProblem[];
  blocked: boolean;
  command: string | null;
  rows: Record<string, unknown>[];
  tables: { table: string; rows: Record<string, unknown>[] }[];
  counts: {
    rows_read: number;
    rows_rejected: number;
    rows_collapsed: number;
    rows_skipped: number;
  };
  errors: ImportRowError[];
  warnings: string[];
}

/** The user's choices: the options of `kenshin import` (header → field or '-', word → status, …). */
export interface ImportChoices {
  mapping?: Record<string, string>;
  status_words?: Record<string, StoredStatus>;
  allow_guests?: boolean;
  channel?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  skip?: number;
  saved_mapping?: string;
}

export interface ImportCommitted {
  entity: string;
  file: string;
  run_id: string;
  preset: string | null;
  rows_read: number;
  rows_stored: number;
  rows_rejected: number;
  rows_collapsed: number;
  rows_skipped: number;
  guest_orders: { guests: number; orders: number } | null;
  tables: {
    table: string;
    inserted: number;
    updated: number;
    unchanged: number;
    rowsWritten?: number;
  }[];
  saved_mapping: string | null;
  seconds: number;
}

export interface SavedImportMapping {
  name: string;
  entity: string;
  mapping: Record<string, string>;
  status_words: Record<string, StoredStatus>;
  options: Record<string, unknown>;
  saved_at: string;
}
