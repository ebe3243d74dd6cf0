// The importable entities (SPEC §2): their canonical fields, value types, required fields and
// keys. Pure data; the header mapping, the value SQL and the store step all read it.

/** The `kenshin import <entity>` names. */
export const ENTITY_NAMES = [
  'customers',
  'orders',
  'order-items',
  'contacts',
  'campaigns',
  'ad-spend',
  'leads',
  'lead-events',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/**
 * How a raw text value becomes a stored value (see values-sql.ts):
 * id: trimmed, full-width folded, a trailing ".0" dropped from integer-valued ids (17850.0 → 17850);
 * text: trimmed; email: trimmed and lower-cased; code: trimmed and full-width folded (phones, postal codes);
 * timestamp/date/month_date: the date forms of docs/import-formats.md; money/quantity: exact decimals;
 * status / contact_channel / campaign_channel: Japanese and English words to canonical words;
 * currency: checked against the business currency, never stored.
 */
export type FieldType =
  | 'id'
  | 'text'
  | 'email'
  | 'code'
  | 'timestamp'
  | 'date'
  | 'month_date'
  | 'money'
  | 'money_nonneg'
  | 'money_abs'
  | 'quantity'
  | 'status'
  | 'contact_channel'
  | 'campaign_channel'
  | 'currency';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Read and checked but not a column of the target table (e.g. currency). */
  checkOnly?: boolean;
}

export interface EntitySpec {
  entity: EntityName;
  table: string;
  /** Fields in the target table's column order (plus check-only fields at the end). */
  fields: FieldSpec[];
  /** Columns that identify a row: a re-import replaces the rows with these keys. */
  key: string[];
}

const f = (name: string, type: FieldType, required = false): FieldSpec => ({
  name,
  type,
  required,
});

/** Order-level fields that a line-item file may carry beside its lines. */
export const ORDER_FIELDS_ON_LINES: FieldSpec[] = [
  f('customer_id', 'id'),
  f('ordered_at', 'timestamp'),
  f('amount', 'money'),
  f('discount_amount', 'money_abs'),
  f('shipping', 'money_nonneg'),
  f('status', 'status'),
  f('channel', 'text'),
  f('coupon_code', 'text'),
  { name: 'currency', type: 'currency', checkOnly: true },
];

/** The spec of every entity, keyed by its command name. */
export const ENTITIES: Record<EntityName, EntitySpec> = {
  customers: {
    entity: 'customers',
    table: 'customers',
    key: ['customer_id'],
    fields: [
      f('customer_id', 'id', true),
      f('created_at', 'timestamp'),
      f('name', 'text'),
      f('email', 'email'),
      f('phone', 'code'),
      f('postal_code', 'code'),
      f('prefecture', 'text'),
      f('birth_date', 'date'),
      f('gender', 'text'),
      f('acquisition_channel', 'text'),
      f('referred_by_customer_id', 'id'),
    ],
  },
  orders: {
    entity: 'orders',
    table: 'orders',
    key: ['order_id'],
    fields: [
      f('order_id', 'id', true),
      f('customer_id', 'id'),
      f('ordered_at', 'timestamp', true),
      f('amount', 'money', true),
      f('discount_amount', 'money_abs'),
      f('shipping', 'money_nonneg'),
      f('status', 'status'),
      f('channel', 'text'),
      f('coupon_code', 'text'),
      { name: 'currency', type: 'currency', checkOnly: true },
    ],
  },
  'order-items': {
    entity: 'order-items',
    table: 'order_items',
    key: ['order_id'],
    fields: [
      f('order_id', 'id', true),
      f('sku', 'id', true),
      f('product_name', 'text'),
      f('category', 'text'),
      f('quantity', 'quantity', true),
      f('unit_price', 'money', true),
    ],
  },
  contacts: {
    entity: 'contacts',
    table: 'contacts',
    key: ['contact_id'],
    fields: [
      f('contact_id', 'id'),
      f('customer_id', 'id', true),
      f('sent_at', 'timestamp', true),
      f('channel', 'contact_channel', true),
      f('campaign_id', 'id'),
      f('cost', 'money_nonneg'),
    ],
  },
  campaigns: {
    entity: 'campaigns',
    table: 'campaigns',
    key: ['campaign_id'],
    fields: [
      f('campaign_id', 'id', true),
      f('name', 'text'),
      f('channel', 'campaign_channel'),
      f('started_at', 'timestamp'),
      f('cost', 'money_nonneg'),
    ],
  },
  'ad-spend': {
    entity: 'ad-spend',
    table: 'ad_spend',
    key: ['date', 'channel'],
    fields: [f('date', 'month_date', true), f('channel', 'text', true), f('amount', 'money', true)],
  },
  leads: {
    entity: 'leads',
    table: 'leads',
    key: ['lead_id'],
    fields: [
      f('lead_id', 'id', true),
      f('created_at', 'timestamp', true),
      f('email', 'email'),
      f('source', 'text'),
      f('customer_id', 'id'),
    ],
  },
  'lead-events': {
    entity: 'lead-events',
    table: 'lead_events',
    // An event is its whole row: the same event twice is one event, never an update.
    key: ['lead_id', 'type', 'event_at'],
    fields: [f('lead_id', 'id', true), f('type', 'text', true), f('event_at', 'timestamp', true)],
  },
};

/** Returns true when `name` is an importable entity. */
export function isEntityName(name: string): name is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(name);
}

/** Returns the stored (non check-only) fields of a spec, in table column order. */
export function storedFields(spec: EntitySpec): FieldSpec[] {
  return spec.fields.filter((x) => !x.checkOnly);
}
