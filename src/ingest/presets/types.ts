// What a platform preset declares: how the export of one cart, mall, POS or send-log system maps
// onto kenshin's canonical entities. A preset is data plus a few small SQL hooks; the import engine
// (plan.ts, stage.ts, line-items.ts) applies it. One file per system in this folder, each with its
// fixtures and test in a folder of the same name (see README.md here).
import type { EntityName, FieldSpec } from '../entities.js';

/** The stored order statuses (SPEC §2). */
export type CanonicalStatus = 'completed' | 'cancelled' | 'returned';

/**
 * Returns the raw-text SQL (VARCHAR, NULL when the cell is empty) of a field's column in the file,
 * or undefined when the file has no column for it. Used by the row hooks, before values are typed.
 */
export type RawSql = (field: string) => string | undefined;

/**
 * Order-level SQL over an order's lines, for `orderAmountSql` (typed values):
 * first(field) — the value of the order's first line that has one (NULL if none or no column);
 * sum(field) — the sum over the order's lines (NULL if no column).
 */
export interface OrderAgg {
  first(field: string): string;
  sum(field: string): string;
  has(field: string): boolean;
}

/** A row of the table in docs/import-formats.md (written for a reader, in English). */
export interface PresetDoc {
  /** The system and the export, e.g. "楽天 RMS — 楽天ペイ受注 (order CSV)". */
  system: string;
  /** The file name as exported, e.g. "dl-normal-item-20240105123456-1.csv". */
  file: string;
  /** How it is detected: the signature headers, in words. */
  detected: string;
  /** Which column is the order amount, and why that one. */
  amount: string;
  /** The customer key. */
  key: string;
  /** The status vocabulary and where each word goes. */
  statuses: string;
}

export interface Preset {
  /** Stable id (kebab-case), shown in --json and saved mappings, e.g. 'rakuten-pay'. */
  id: string;
  /** The name a user knows, shown in the summary and the dry run. */
  label: { ja: string; en: string };
  /** The import commands it serves: ['orders', 'order-items'] for order exports, ['contacts'] for send logs. */
  entities: EntityName[];
  /** Headers that must all be present (compared folded: NFKC, case, spaces and punctuation). */
  signature: string[];
  /** Headers whose presence rules this preset out (tells two layouts of one system apart). */
  without?: string[];
  /**
   * The file's header → field. Fields are canonical (entities.ts: order_id, customer_id, email, name,
   * phone, ordered_at, amount, sku, quantity, unit_price, …) or this preset's own `fields`.
   * `'送料#2'` names the second column headed 送料 (EC-CUBE has two). Several headers for one field
   * are joined in this order without a separator (注文者姓 + 注文者名, 電話番号1–3). Headers not listed are
   * ignored and listed in the summary, like any unmapped column. Map only the one amount column
   * you chose; say why in `docs.amount`.
   */
  columns: Record<string, string>;
  /** Fields only this preset reads (e.g. 取引区分): read by the hooks, never stored. */
  fields?: FieldSpec[];
  /** 'lines': one row per order line (orders are built from their lines); 'rows': one row per order (or per contact). */
  shape: 'lines' | 'rows';
  /**
   * What the line price column (mapped to `unit_price`) holds: the price of one unit (default),
   * or the whole line's total (Amazon's item-price is quantity × unit price): then unit_price is
   * derived as total / quantity and the order amount sums the line totals.
   */
  linePrice?: 'unit' | 'total';
  /**
   * The customer key, when it is not simply the mapped customer_id column: 'email' (normalised:
   * trim, NFKC, lower case) or 'name_phone' (NFKC name without spaces + phone digits). By default
   * the engine takes customer_id if mapped, else email, else name + phone.
   */
  customerKey?: 'id' | 'email' | 'name_phone';
  /** The zone of times written without an offset (Amazon: 'UTC'); default the business timezone. */
  timezone?: 'UTC';
  /**
   * The status vocabulary: the file's word or code (folded: NFKC, trimmed, lower case) → stored
   * status. A word not listed is an error naming the word and its count (never a silent completed).
   */
  statuses?: Record<string, CanonicalStatus>;
  /**
   * Raw-text SQL of the status word when it comes from several columns (e.g. 取消区分 and 取引区分);
   * its result goes through `statuses` and then the general status words.
   */
  statusSql?: (raw: RawSql) => string;
  /**
   * A predicate (SQL over raw text) true for rows that are not data to store: shipping, fee and
   * discount rows of a line file (EC-CUBE's 明細区分), cash-drawer rows of a POS (スマレジ 入金/出金),
   * failed or bounced sends of a mail log. Such rows are skipped and counted in the summary with
   * `skipReason`; they never make an order, a line or a contact.
   */
  skipSql?: (raw: RawSql) => string;
  skipReason?: { ja: string; en: string };
  /** Cell values that mean "none" for a field (legacy 楽天 writes -99999). */
  sentinels?: Record<string, string[]>;
  /** Values for fields the file does not carry, e.g. { channel: 'email' } for a mail log. */
  constants?: Record<string, string>;
  /** The order amount from its lines' typed values, when it is not the mapped amount column as is. */
  orderAmountSql?: (agg: OrderAgg) => string;
  /** A row of the formats table in docs/import-formats.md. */
  doc: PresetDoc;
}
