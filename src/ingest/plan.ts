// The import plan: from the entity asked for and the file's headers, which mode the import runs
// in, which column feeds which field (as raw-text SQL), which fields are required and what the
// key is. Pure; the SQL stages read it.
import {
  ENTITIES,
  ORDER_FIELDS_ON_LINES,
  type EntityName,
  type EntitySpec,
  type FieldSpec,
  type FieldType,
} from './entities.js';
import { checkRequired, mapHeaders, type HeaderMapping } from './headers.js';
import {
  isShopifyExport,
  SHOPIFY_FIELDS,
  SHOPIFY_PRESET,
  shopifySkuSql,
  shopifyStatusSql,
} from './shopify.js';
import { rawCol, typedCol } from './sql.js';

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
}

export interface ImportPlan {
  entity: EntityName;
  mode: ImportMode;
  preset: 'shopify' | null;
  mapping: HeaderMapping;
  headers: string[];
  fields: FieldSource[];
  /** Unmapped columns kept in customers.attributes. */
  attributes: { header: string; raw: string }[];
  /** The key fields of the first target table (keySql gives each one's SQL). */
  keyFields: string[];
  /** Order ids starting with this prefix are credit notes (--credit-prefix). */
  creditPrefix: string | null;
}

export interface PlanOptions {
  explicit?: Record<string, string>;
  creditPrefix?: string;
}

const ITEM_FIELDS = ENTITIES['order-items'].fields;

/** Returns the fields a file may feed when importing `entity` (before the mode is known). */
export function candidateFields(entity: EntityName, shopify: boolean): FieldSpec[] {
  const base =
    entity === 'orders'
      ? [...ENTITIES.orders.fields, ...ITEM_FIELDS.filter((f) => f.name !== 'order_id')]
      : entity === 'order-items'
        ? [...ITEM_FIELDS, ...ORDER_FIELDS_ON_LINES]
        : ENTITIES[entity].fields;
  return shopify ? [...base, ...SHOPIFY_FIELDS] : base;
}

/** Returns the mode of an import from the entity and the fields the file maps. */
export function chooseMode(entity: EntityName, mapped: Set<string>, shopify: boolean): ImportMode {
  if (shopify) return 'lines';
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

/** Returns the plan of an import; throws ImportError when a required column is missing or ambiguous. */
export function buildPlan(
  entity: EntityName,
  headers: string[],
  opts: PlanOptions = {},
): ImportPlan {
  const shopify = isShopifyExport(headers) && (entity === 'orders' || entity === 'order-items');
  const candidates = candidateFields(entity, shopify);
  const mapping = mapHeaders(headers, {
    entity,
    candidates,
    explicit: opts.explicit,
    preset: shopify ? SHOPIFY_PRESET : undefined,
    attributes: entity === 'customers',
  });
  const mapped = new Set(Object.keys(mapping.fields));
  const mode = chooseMode(entity, mapped, shopify);
  const required = requiredFields(entity, mode);
  const optional = candidates
    .filter((c) => !required.includes(c.name) && !SHOPIFY_FIELDS.includes(c))
    .map((c) => c.name);
  checkRequired(mapping, required, entity, optional);

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
  if (shopify) applyShopify(fields, mapping, headers);
  const attributes = mapping.columns
    .filter((c) => c.via === 'attribute')
    .map((c) => ({ header: c.header, raw: rawCol(c.index) }));
  return {
    entity,
    mode,
    preset: shopify ? 'shopify' : null,
    mapping,
    headers,
    fields,
    attributes,
    keyFields: targetSpec({ entity, mode }).key,
    creditPrefix: opts.creditPrefix ?? null,
  };
}

// Shopify: the customer is the e-mail, the status comes from Financial Status and Cancelled at,
// and a line without SKU is known by its name.
function applyShopify(fields: FieldSource[], mapping: HeaderMapping, headers: string[]): void {
  const col = (f: string) =>
    mapping.fields[f] === undefined ? undefined : rawCol(mapping.fields[f]);
  const customer = fields.find((f) => f.name === 'customer_id');
  if (customer) customer.type = 'email';
  const financial = col('financial_status');
  if (financial && !fields.some((f) => f.name === 'status')) {
    fields.push({
      name: 'status',
      type: 'status',
      header: headers[mapping.fields.financial_status],
      raw: shopifyStatusSql(financial, col('cancelled_at')),
      required: false,
      checkOnly: false,
    });
  }
  const sku = fields.find((f) => f.name === 'sku');
  if (sku && mapping.fields.sku !== undefined)
    sku.raw = shopifySkuSql(sku.raw, col('product_name'));
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
