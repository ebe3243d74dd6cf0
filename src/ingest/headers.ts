// Header mapping: which file column feeds which canonical field. Pure: no I/O, tested alone.
// Order of precedence: explicit --map entries (or a saved mapping), a preset (Shopify), then
// the canonical names and the header words of header-words.ts. Two columns claiming one field
// is an error, never a silent choice.
import type { EntityName, FieldSpec } from './entities.js';
import { ImportError } from './errors.js';
import { wordsFor } from './header-words.js';

/** Where a column's field came from. */
export type MappedVia = 'map' | 'preset' | 'auto' | 'attribute' | 'ignored';

export interface MappedColumn {
  index: number;
  header: string;
  /** Canonical field, or null when the column is not read into a field. */
  field: string | null;
  via: MappedVia;
  /** Why an ignored column is ignored. */
  note?: string;
}

/** Two columns that both claim one field: the first keeps it, the import stops until one is chosen. */
export interface MappingConflict {
  code: 'ambiguous_column';
  message: string;
  /** The --map argument that keeps the first column. */
  fix: string;
  field: string;
  /** The two columns, the one that keeps the field first. */
  columns: [string, string];
}

export interface HeaderMapping {
  columns: MappedColumn[];
  /** Canonical field → column index. */
  fields: Record<string, number>;
  /** Every pair of columns claiming one field (the dry run lists them all). */
  conflicts: MappingConflict[];
}

export interface MapOptions {
  entity: EntityName;
  /** The fields the file may feed (all of them optional at this stage). */
  candidates: FieldSpec[];
  /** header → field from --map or a saved mapping; field '' or '-' ignores the column. */
  explicit?: Record<string, string>;
  /** header → field of a detected preset; explicit entries still win. `送料#2` is the second column headed 送料. */
  preset?: Record<string, string>;
  /** Unmapped columns become attributes (customers) instead of being ignored. */
  attributes?: boolean;
}

/** The column kenshin adds to a reject file; never read back as data. */
export const REJECT_REASON_HEADER = 'reason';

/** Returns the header folded for matching: NFKC (full-width → half-width), lower case, no spaces or punctuation. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-‐・.:：#/\\'"`]+/g, '');
}

/** Returns the header without bracketed notes such as (税込) or [円], folded like normaliseHeader. */
export function stripHeaderNotes(header: string): string {
  return normaliseHeader(
    header.normalize('NFKC').replace(/[([【〔<「][^)\]】〕>」]*[)\]】〕>」]/g, ''),
  );
}

/** Returns a lookup from folded header word to field for the candidates of an entity. */
export function wordIndex(entity: EntityName, candidates: FieldSpec[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const spec of candidates) {
    for (const word of wordsFor(entity, spec.name)) {
      const key = normaliseHeader(word);
      if (!index.has(key)) index.set(key, spec.name);
    }
  }
  return index;
}

/** Returns the column index whose header matches `header` exactly, else after folding, else -1. */
export function findHeader(headers: string[], header: string): number {
  const exact = headers.indexOf(header);
  if (exact >= 0) return exact;
  const folded = normaliseHeader(header);
  return headers.findIndex((h) => normaliseHeader(h) === folded);
}

/** Returns the column of a preset's header: `name#n` is the n-th column of that name (1-based), else the first; -1 if none. */
export function findPresetHeader(headers: string[], spec: string): number {
  const m = /^(.*)#(\d+)$/.exec(spec);
  if (!m) return findHeader(headers, spec);
  const folded = normaliseHeader(m[1]);
  const hits = headers.flatMap((h, i) => (normaliseHeader(h) === folded ? [i] : []));
  return hits[Number(m[2]) - 1] ?? -1;
}

/** Returns the mapping of the file's headers onto canonical fields; conflicts are collected (a bad --map throws). */
export function mapHeaders(headers: string[], opts: MapOptions): HeaderMapping {
  const known = new Set(opts.candidates.map((c) => c.name));
  const columns: MappedColumn[] = headers.map((header, index) => ({
    index,
    header,
    field: null,
    via: 'ignored',
  }));
  const fields: Record<string, number> = {};
  const conflicts: MappingConflict[] = [];
  const claim = (col: MappedColumn, field: string, via: MappedVia): void => {
    const prior = fields[field];
    if (prior !== undefined && prior !== col.index) {
      conflicts.push({
        code: 'ambiguous_column',
        message:
          `列「${headers[prior]}」と「${col.header}」がどちらも ${field} に当たります。どちらかを選んでください / ` +
          `columns "${headers[prior]}" and "${col.header}" both map to ${field}; choose one`,
        fix: `${col.header}=-`,
        field,
        columns: [headers[prior], col.header],
      });
      col.note = `${field} is also claimed by ${headers[prior]}`;
      return;
    }
    fields[field] = col.index;
    col.field = field;
    col.via = via;
  };
  const decided = new Set<number>();

  for (const [header, field] of Object.entries(opts.explicit ?? {})) {
    const i = findHeader(headers, header);
    if (i < 0) {
      throw new ImportError(
        'map_unknown_header',
        `--map: 列「${header}」がファイルにありません / --map: no column "${header}" in the file. ` +
          `見つかった列 / columns found: ${headers.join(', ')}`,
      );
    }
    decided.add(i);
    if (field === '' || field === '-') {
      columns[i].note = '--map';
      continue;
    }
    if (!known.has(field)) {
      throw new ImportError(
        'map_unknown_field',
        `--map: ${field} は ${opts.entity} の項目ではありません / --map: ${field} is not a field of ${opts.entity}. ` +
          `項目 / fields: ${[...known].join(', ')}`,
      );
    }
    claim(columns[i], field, 'map');
  }
  for (const [header, field] of Object.entries(opts.preset ?? {})) {
    const i = findPresetHeader(headers, header);
    if (i < 0 || decided.has(i)) continue;
    if (fields[field] !== undefined) {
      // A preset reading one field from several columns joins them (presets/apply.ts).
      if (columns[fields[field]].via === 'preset') {
        decided.add(i);
        Object.assign(columns[i], { field, via: 'preset' as const });
      }
      continue;
    }
    decided.add(i);
    claim(columns[i], field, 'preset');
  }
  // With a preset the export's layout is known: columns it does not list are not read by guess.
  const index = opts.preset ? new Map<string, string>() : wordIndex(opts.entity, opts.candidates);
  for (const col of columns) {
    if (decided.has(col.index)) continue;
    if (col.header === REJECT_REASON_HEADER) {
      col.note = 'reject-file reason';
      continue;
    }
    const field = index.get(normaliseHeader(col.header)) ?? index.get(stripHeaderNotes(col.header));
    if (!field) continue;
    if (fields[field] !== undefined && columns[fields[field]].via !== 'auto') {
      col.note = `${field} is mapped from another column`;
      continue;
    }
    claim(col, field, 'auto');
  }
  if (opts.attributes) {
    for (const col of columns) {
      if (col.field === null && !col.note && col.header.trim() !== '') col.via = 'attribute';
    }
  }
  return { columns, fields, conflicts };
}

/** Returns the problem naming the headers found and the fields expected when required fields have no column. */
export function missingColumnProblem(
  mapping: HeaderMapping,
  missing: string[],
  required: string[],
  entity: EntityName,
  optional: string[],
): { code: 'missing_column'; message: string } {
  const found = mapping.columns.map((c) => c.header).join(', ') || '(none)';
  const hints = missing
    .map((f) => `${f} (${wordsFor(entity, f).slice(1, 4).join(' / ')} …)`)
    .join(', ');
  return {
    code: 'missing_column',
    message:
      `必須の列がありません: ${missing.join(', ')} / required column missing: ${missing.join(', ')}\n` +
      `  見つかった列 / columns found: ${found}\n` +
      `  必須 / required: ${required.join(', ')}; 任意 / optional: ${optional.join(', ') || '-'}\n` +
      `  見出しの例 / accepted headers: ${hints}\n` +
      `  見出しが違う場合は --map "見出し=field" で指定してください / use --map "header=field" for other headers`,
  };
}

/** Throws ImportError naming the headers found and the fields expected when a required field has no column. */
export function checkRequired(
  mapping: HeaderMapping,
  required: string[],
  entity: EntityName,
  optional: string[],
): void {
  const missing = required.filter((f) => mapping.fields[f] === undefined);
  if (missing.length === 0) return;
  const p = missingColumnProblem(mapping, missing, required, entity, optional);
  throw new ImportError(p.code, p.message);
}
