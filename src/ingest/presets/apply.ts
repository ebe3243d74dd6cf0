// Applies a detected preset to the field sources of a plan: sentinel values, the zone of naive
// times, the status from the preset's vocabulary (and columns), constant fields, a line's SKU
// falling back to its name. Returns the preset's skip predicate. Pure SQL building.
import type { FieldSpec } from '../entities.js';
import { findPresetHeader, type HeaderMapping } from '../headers.js';
import type { FieldSource } from '../plan.js';
import { lit, rawCol } from '../sql.js';
import { wordKey } from '../value-words.js';
import { blankSql, wordKeySql } from '../values-sql.js';
import type { CanonicalStatus, Preset, RawSql } from './types.js';

// A time that already carries its zone (Z, UTC/GMT, an offset); see values-sql.ts.
const ZONED = String.raw`(?i)(z|utc|gmt|[+-]\d\d(:?\d\d)?)$`;

/** Returns SQL mapping a status column's words (folded like the general words) onto stored statuses; other words pass through. */
export function userStatusSql(raw: string, words: Record<string, CanonicalStatus>): string {
  const whens = Object.entries(words)
    .map(([w, s]) => `WHEN ${lit(wordKey(w))} THEN ${lit(s)}`)
    .join(' ');
  return `CASE ${wordKeySql(raw)} ${whens} ELSE ${raw} END`;
}

/** Applies `preset` to `fields` in place (after joinColumns and the customer key); returns the SQL of the rows to skip, or null. */
export function applyPreset(
  preset: Preset,
  fields: FieldSource[],
  mapping: HeaderMapping,
  headers: string[],
  candidates: FieldSpec[],
): string | null {
  const get = (name: string) => fields.find((f) => f.name === name);
  for (const [name, values] of Object.entries(preset.sentinels ?? {})) {
    const f = get(name);
    if (f)
      f.raw = `CASE WHEN trim(${f.raw}) IN (${values.map(lit).join(', ')}) THEN NULL ELSE ${f.raw} END`;
  }
  if (preset.timezone === 'UTC') {
    for (const f of fields) {
      if (f.type !== 'timestamp') continue;
      const b = blankSql(f.raw);
      f.raw = `CASE WHEN ${b} IS NULL OR regexp_matches(${b}, '${ZONED}') THEN ${b} ELSE ${b} || ' UTC' END`;
    }
  }
  // The hooks read a column's raw text as the sources now hold it (sentinels already dropped).
  const raw: RawSql = (name) =>
    get(name)?.raw ??
    (mapping.fields[name] === undefined ? undefined : rawCol(mapping.fields[name]));
  applyStatus(preset, fields, raw, headers, mapping);
  for (const [name, value] of Object.entries(preset.constants ?? {})) {
    if (get(name)) continue;
    const spec = candidates.find((c) => c.name === name);
    if (!spec) continue;
    fields.push({
      name,
      type: spec.type,
      header: `(${preset.label.en})`,
      raw: lit(value),
      required: false,
      checkOnly: Boolean(spec.checkOnly),
    });
  }
  const sku = get('sku');
  const productName = get('product_name');
  // Carts allow items without a SKU: such a line is known by its product name.
  if (preset.shape === 'lines' && sku && productName)
    sku.raw = `COALESCE(${blankSql(sku.raw)}, ${blankSql(productName.raw)})`;
  return preset.skipSql ? preset.skipSql(raw) : null;
}

// One field from several columns (楽天's 注文者姓 + 注文者名, 電話番号1–3): the non-empty parts
// joined in the preset's order, without a separator (names and phones are compared without spaces).
export function joinColumns(preset: Preset, fields: FieldSource[], headers: string[]): void {
  const byField = new Map<string, number[]>();
  for (const [header, field] of Object.entries(preset.columns)) {
    const i = findPresetHeader(headers, header);
    if (i >= 0) byField.set(field, [...(byField.get(field) ?? []), i]);
  }
  for (const [field, cols] of byField) {
    const f = fields.find((x) => x.name === field);
    if (!f || cols.length < 2) continue;
    f.raw = `NULLIF(concat_ws('', ${cols.map((c) => blankSql(rawCol(c))).join(', ')}), '')`;
    f.header = cols.map((c) => headers[c]).join(' + ');
  }
}

// The status: from the preset's columns (statusSql) or its status column, through its vocabulary.
function applyStatus(
  preset: Preset,
  fields: FieldSource[],
  raw: RawSql,
  headers: string[],
  mapping: HeaderMapping,
): void {
  let status = fields.find((f) => f.name === 'status');
  if (preset.statusSql) {
    const sql = preset.statusSql(raw);
    if (status) status.raw = sql;
    else {
      // Named after the first preset column the hook reads, for the reports.
      const used = (preset.fields ?? []).find((f) => mapping.fields[f.name] !== undefined);
      status = {
        name: 'status',
        type: 'status',
        header: used ? headers[mapping.fields[used.name]] : `(${preset.label.en})`,
        raw: sql,
        required: false,
        checkOnly: false,
      };
      fields.push(status);
    }
  }
  // The vocabulary (preset.statuses) is applied with the user's words in plan.ts.
}
