// The import plan: from the entity asked for and the file's headers, which mode the import runs
// in, which column feeds which field (as raw-text SQL), which fields are required, what the key
// is, which platform preset applies and how the customer is identified. Pure; the SQL stages
// read it. Problems of the mapping (ambiguous columns, missing required ones) are collected, not
// thrown one at a time: the dry run lists them all, the import refuses with all of them.
import {
  ENTITIES,
  ORDER_FIELDS_ON_LINES,
  type EntityName,
  type EntitySpec,
  type FieldSpec,
  type FieldType,
} from './entities.js';
import { missingColumnProblem, mapHeaders, type HeaderMapping } from './headers.js';
import { emailKeySql, namePhoneKeySql, type CustomerKeyRule } from './identity.js';
import { applyPreset, joinColumns, userStatusSql } from './presets/apply.js';
import { detectPreset } from './presets/registry.js';
import type { CanonicalStatus, Preset } from './presets/types.js';
import { lit, rawCol, typedCol } from './sql.js';

/**
 * rows: one row per entity row, keyed (customers, orders, contacts, …);
 * lines: one row per order line, orders and order_items built together;
 * items: order lines only (the orders exist already).
 */
export type ImportMode = 'rows' | 'lines' | 'items';

export interface FieldSource {
  name: string;
  type: FieldType;
  /** The user's header (for reports); a derived field names the column it comes from. */
  header: string;
  /** SQL (VARCHAR) of the raw text over the generated columns c0, c1, … */
  raw: string;
  required: boolean;
  checkOnly: boolean;
  /**
   * A value built from other fields' raw text (the customer key from e-mail, name and phone):
   * staging computes it over their already computed raw values (`raw` is the same SQL expanded).
   */
  from?: { fields: string[]; sql: (raw: (field: string) => string) => string };
  /**
   * The raw text is already the field's value in its final form (the customer key folds, trims
   * and lower-cases as it is built): staging takes it as it is, with no second clean-up pass
   * (identity.test.ts holds every key a fixed point of that clean-up).
   */
  clean?: boolean;
}

/** A problem of the plan that stops the import (the dry run lists them all). */
export interface PlanProblem {
  code: 'ambiguous_column' | 'missing_column';
  message: string;
  /** A --map argument that would fix it, when one is obvious. */
  fix?: string;
  field?: string;
  columns?: string[];
  /** The required fields without a column. */
  fields?: string[];
}

/** How customers are identified in this file, for the summary. */
export interface CustomerKey {
  rule: CustomerKeyRule;
  /** The headers the key is read from. */
  headers: string[];
}

export interface ImportPlan {
  entity: EntityName;
  mode: ImportMode;
  /** The detected platform preset's id, or null. */
  preset: string | null;
  presetDef: Preset | null;
  mapping: HeaderMapping;
  headers: string[];
  fields: FieldSource[];
  /**
   * Raw texts read only as inputs of other fields (the e-mail, name and phone of a derived customer
   * key, the status text before its words are looked up): staged once, never typed or stored.
   */
  inputs: { name: string; raw: string }[];
  /** Unmapped columns kept in customers.attributes. */
  attributes: { header: string; raw: string }[];
  /** The key fields of the first target table (keySql gives each one's SQL). */
  keyFields: string[];
  /** Order ids starting with this prefix are credit notes (--credit-prefix). */
  creditPrefix: string | null;
  customerKey: CustomerKey;
  /** SQL over raw columns: true for rows that are not data (a preset's fee or cash-drawer rows). */
  skipSql: string | null;
  problems: PlanProblem[];
}

export interface PlanOptions {
  explicit?: Record<string, string>;
  creditPrefix?: string;
  /** The user's status words (--status "発送待ち=completed"), tried before the preset's and the general words. */
  statusWords?: Record<string, CanonicalStatus>;
  /** Contacts: the channel of every row, when the file has no channel column (--channel). */
  channel?: string;
}

const ITEM_FIELDS = ENTITIES['order-items'].fields;

/** Fields that identify a customer when a file has no customer id: read, never stored on orders or contacts. */
export const IDENTITY_FIELDS: FieldSpec[] = [
  { name: 'email', type: 'email', checkOnly: true },
  { name: 'name', type: 'text', checkOnly: true },
  { name: 'phone', type: 'code', checkOnly: true },
];

/** Returns the fields a file may feed when importing `entity` (before the mode is known). */
export function candidateFields(entity: EntityName, preset: Preset | null): FieldSpec[] {
  const base =
    entity === 'orders'
      ? [...ENTITIES.orders.fields, ...ITEM_FIELDS.filter((f) => f.name !== 'order_id')]
      : entity === 'order-items'
        ? [...ITEM_FIELDS, ...ORDER_FIELDS_ON_LINES]
        : ENTITIES[entity].fields;
  const identity = entity === 'orders' || entity === 'order-items' || entity === 'contacts';
  return [...base, ...(identity ? IDENTITY_FIELDS : []), ...(preset?.fields ?? [])];
}

/** Returns the mode of an import from the entity and the fields the file maps. */
export function chooseMode(
  entity: EntityName,
  mapped: Set<string>,
  preset: Preset | null,
): ImportMode {
  // An item file without order times (Yahoo's) adds lines to orders stored before.
  if (preset?.shape === 'lines' && entity === 'order-items' && !mapped.has('ordered_at'))
    return 'items';
  if (preset && entity !== 'contacts') return preset.shape === 'lines' ? 'lines' : 'rows';
  if (entity === 'orders')
    return ['sku', 'quantity', 'unit_price'].some((f) => mapped.has(f)) ? 'lines' : 'rows';
  if (entity === 'order-items') return mapped.has('ordered_at') ? 'lines' : 'items';
  return 'rows';
}

/** Returns the required fields of a mode. */
export function requiredFields(entity: EntityName, mode: ImportMode): string[] {
  if (mode === 'lines') return ['order_id', 'ordered_at', 'sku', 'quantity', 'unit_price'];
  if (mode === 'items') return ['order_id', 'sku', 'quantity', 'unit_price'];
  return ENTITIES[entity].fields.filter((f) => f.required).map((f) => f.name);
}

/** Returns the target spec whose rows a mode stores first (orders for line files). */
export function targetSpec(plan: Pick<ImportPlan, 'entity' | 'mode'>): EntitySpec {
  if (plan.mode === 'lines') return ENTITIES.orders;
  if (plan.mode === 'items') return ENTITIES['order-items'];
  return ENTITIES[plan.entity];
}

/** Returns the plan of an import; its `problems` say what stops it (none: it can run). */
export function buildPlan(
  asked: EntityName,
  headers: string[],
  opts: PlanOptions = {},
): ImportPlan {
  const preset = detectPreset(asked, headers);
  // An order export of one row per order is an orders file whichever of the two commands read it.
  const entity = preset?.shape === 'rows' && asked === 'order-items' ? 'orders' : asked;
  const candidates = candidateFields(entity, preset);
  const mapping = mapHeaders(headers, {
    entity,
    candidates,
    explicit: opts.explicit,
    preset: preset?.columns,
    attributes: entity === 'customers',
  });
  const mapped = new Set(Object.keys(mapping.fields));
  // A send log of one channel: --channel (or the preset's constant) stands in for the column.
  const channelGiven = Boolean(opts.channel ?? preset?.constants?.channel) && entity === 'contacts';
  if (channelGiven) mapped.add('channel');
  const mode = chooseMode(entity, mapped, preset);
  // A customer key derived from e-mail or name + phone stands in for the customer_id column.
  const keyRule = chooseKeyRule(entity, mapped, preset);
  const derivedKey = keyRule !== 'id' && keyRule !== 'none';
  const required = requiredFields(entity, mode);
  const problems: PlanProblem[] = [...mapping.conflicts];
  const missing = required.filter(
    (f) =>
      mapping.fields[f] === undefined &&
      !(f === 'customer_id' && derivedKey) &&
      !(f === 'channel' && channelGiven),
  );
  const optional = candidates
    .filter((c) => !required.includes(c.name) && !(preset?.fields ?? []).includes(c))
    .map((c) => c.name);
  if (missing.length)
    problems.push({
      ...missingColumnProblem(mapping, missing, required, entity, optional),
      fields: missing,
    });

  const fields: FieldSource[] = [];
  for (const spec of candidates) {
    const col = mapping.fields[spec.name];
    if (col === undefined) continue;
    fields.push({
      name: spec.name,
      type: spec.type,
      header: headers[col],
      raw: rawCol(col),
      // In a line file the order time may sit on the order's first line only (Shopify): it is
      // required per order (validate.ts), not per line.
      required: required.includes(spec.name) && !(mode === 'lines' && spec.name === 'ordered_at'),
      checkOnly: Boolean(spec.checkOnly),
    });
  }
  // Several columns of one field are joined first: the customer key reads the whole name and phone.
  if (preset) joinColumns(preset, fields, headers);
  const inputs: ImportPlan['inputs'] = [];
  const customerKey = applyCustomerKey(fields, inputs, keyRule, required.includes('customer_id'));
  if (opts.channel && entity === 'contacts' && !fields.some((f) => f.name === 'channel'))
    fields.push({
      name: 'channel',
      type: 'contact_channel',
      header: '--channel',
      raw: lit(opts.channel),
      required: false,
      checkOnly: false,
    });
  let skipSql: string | null = null;
  if (preset) skipSql = applyPreset(preset, fields, mapping, headers, candidates);
  applyStatusWords(fields, inputs, opts.statusWords ?? {}, preset?.statuses ?? {});
  const attributes = mapping.columns
    .filter((c) => c.via === 'attribute')
    .map((c) => ({ header: c.header, raw: rawCol(c.index) }));
  return {
    entity,
    mode,
    preset: preset?.id ?? null,
    presetDef: preset,
    mapping,
    headers,
    fields,
    attributes,
    keyFields: targetSpec({ entity, mode }).key,
    creditPrefix: opts.creditPrefix ?? null,
    customerKey,
    inputs,
    skipSql,
    problems,
  };
}

// The rule of the customer key: the id column when the file has one, else the e-mail (rows
// without one fall back to name + phone), else name + phone; a preset may name its rule.
function chooseKeyRule(
  entity: EntityName,
  mapped: Set<string>,
  preset: Preset | null,
): CustomerKeyRule {
  if (entity !== 'orders' && entity !== 'order-items' && entity !== 'contacts') return 'id';
  const namePhone = mapped.has('name') && mapped.has('phone');
  const forced = preset?.customerKey;
  if (forced === 'email' && mapped.has('email')) return 'email';
  if (forced === 'name_phone' && namePhone) return 'name_phone';
  if (mapped.has('customer_id') && forced !== 'email' && forced !== 'name_phone') return 'id';
  if (mapped.has('email')) return namePhone ? 'email_or_name_phone' : 'email';
  if (namePhone) return 'name_phone';
  return 'none';
}

// Replaces (or adds) the customer_id source by the derived key of the rule; returns the rule and
// the headers it reads.
function applyCustomerKey(
  fields: FieldSource[],
  inputs: ImportPlan['inputs'],
  rule: CustomerKeyRule,
  required: boolean,
): CustomerKey {
  const get = (n: string) => fields.find((f) => f.name === n);
  const id = get('customer_id');
  if (rule === 'id' || rule === 'none') return { rule, headers: id ? [id.header] : [] };
  const email = get('email');
  const name = get('name');
  const phone = get('phone');
  const keySql = (r: (f: string) => string): string => {
    const np = name && phone ? namePhoneKeySql(r('name'), r('phone')) : null;
    const em = email ? emailKeySql(r('email')) : null;
    // Not COALESCE: DuckDB evaluates every argument of COALESCE on every row, so the name +
    // phone regexes would run for rows that have an e-mail too (measured: 0.6 s a million rows);
    // a CASE evaluates its ELSE only for the rows that reach it.
    return rule === 'email'
      ? em!
      : rule === 'name_phone'
        ? np!
        : `CASE WHEN ${em} IS NOT NULL THEN ${em} ELSE ${np} END`;
  };
  const used =
    rule === 'email' ? [email!] : rule === 'name_phone' ? [name!, phone!] : [email!, name!, phone!];
  const source: FieldSource = {
    name: 'customer_id',
    type: 'id',
    header: used.map((f) => f.header).join(' + '),
    raw: keySql((f) => get(f)!.raw),
    required,
    checkOnly: false,
    from: { fields: used.map((f) => f.name), sql: keySql },
    clean: true,
  };
  if (id) fields.splice(fields.indexOf(id), 1, source);
  else fields.push(source);
  // The identity columns feed the key only: staged as inputs, not typed on their own.
  for (const f of [email, name, phone]) {
    if (!f) continue;
    inputs.push({ name: f.name, raw: f.raw });
    fields.splice(fields.indexOf(f), 1);
  }
  return { rule, headers: used.map((f) => f.header) };
}

// The status words of the user (--status) and of the preset, the user's first. The status text
// (a preset's rule over several columns, or the column) is staged once as a hidden field and the
// words are looked up over it: written inline, the lookup would repeat the rule ten times per row.
function applyStatusWords(
  fields: FieldSource[],
  inputs: ImportPlan['inputs'],
  user: Record<string, CanonicalStatus>,
  preset: Record<string, CanonicalStatus>,
): void {
  const status = fields.find((f) => f.name === 'status');
  const words = { ...preset, ...user };
  if (!status || Object.keys(words).length === 0) return;
  // User words first: the first WHEN of a word wins.
  const ordered = Object.fromEntries([...Object.entries(user), ...Object.entries(preset)]);
  inputs.push({ name: 'status_text', raw: status.raw });
  status.from = { fields: ['status_text'], sql: (r) => userStatusSql(r('status_text'), ordered) };
  status.raw = userStatusSql(status.raw, ordered);
}

/** Returns the field source of a field, if the file has it. */
export function fieldOf(plan: ImportPlan, name: string): FieldSource | undefined {
  return plan.fields.find((f) => f.name === name);
}

/** Returns SQL of the stored key of a row over the typed columns (contacts derive a missing contact_id). */
export function keySql(plan: ImportPlan, field: string): string {
  if (plan.entity === 'contacts' && field === 'contact_id') {
    // A send log often has no id of its own: the same customer, time, channel and campaign is the
    // same touch, so the id is a hash of them and re-imports still replace rather than duplicate.
    const parts = ['customer_id', 'sent_at', 'channel', 'campaign_id'].map((f) =>
      fieldOf(plan, f) ? `coalesce(CAST(${typedCol(f)} AS VARCHAR), '')` : `''`,
    );
    const derived = `'h' || substr(md5(concat_ws('|', ${parts.join(', ')})), 1, 16)`;
    return fieldOf(plan, 'contact_id')
      ? `coalesce(${typedCol('contact_id')}, ${derived})`
      : derived;
  }
  return typedCol(field);
}
