// One customer's history for the dashboard: the record, orders, contacts, leads, and where the
// customer stands as of a date — R, F, M from the RFM definition and the ladder level from the
// ladder definition (both reused from store/metrics, filtered to this customer), never a
// second definition here.
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryJson } from '../../store/db.js';
import { rfmBaseCte } from '../../store/metrics/rfm.js';
import { cutPoints, cutSetInfo, rfmCutSet } from '../../store/metrics/rfm-cuts.js';
import type { RfmCutSetInfo, Text } from '../../report/index.js';
import { customerValueHistory, type CustomerValuePoint } from '../../store/customer-value.js';
import { pAliveReason } from '../../domain/models/p-alive-words.js';
import { ladderCte } from '../../store/metrics/ladder.js';
import { stageOf } from '../../domain/ladder.js';
import { scoreRules, scoreValue, segmentOf, type RfmMethod } from '../../domain/rfm.js';
import type { Settings } from '../../domain/settings.js';

/** Fields of SPEC §9 personal data: hidden from viewers, nulled by anonymisation. */
export const PERSONAL_FIELDS = ['name', 'email', 'phone', 'postal_code', 'birth_date'] as const;

export interface CustomerHistory {
  as_of: string;
  customer: Record<string, unknown>;
  /** null when the caller may not see personal data. */
  personal: Record<string, unknown> | null;
  standing: {
    first_purchase: string | null;
    last_purchase: string | null;
    r_days: number | null;
    f: number;
    m: number;
    active: boolean;
    ladder_level: number | null;
    ladder_stage: string | null;
    rfm: { r_score: number; f_score: number; m_score: number; segment: string } | null;
    /** The cut set the scores used (the checkup's of as_of); null when not scored. */
    rfm_cut_set: RfmCutSetInfo | null;
  };
  /** P(alive) and predicted value from the stored checkups up to as_of, and why P(alive) is what it is. */
  value: {
    history: CustomerValuePoint[];
    reason: Text | null;
  };
  orders: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
  leads: Record<string, unknown>[];
  truncated: { orders: boolean; contacts: boolean };
}

/** The stored report's RFM cuts, to score one customer exactly as the report scored everyone. */
export interface RfmCuts {
  method: RfmMethod;
  cut_points: {
    recency_days: number[] | null;
    frequency: number[] | null;
    monetary: number[] | null;
  };
  /** Absent in a report stored before cut sets were recorded. */
  cut_set?: RfmCutSetInfo | null;
}

const LIMIT = 500;

/** Returns the customer's record without personal fields, or null when unknown. */
async function record(conn: DuckDBConnection, id: string): Promise<Record<string, unknown> | null> {
  const r = await queryJson(
    conn,
    `SELECT customer_id, strftime(created_at, '%Y-%m-%d %H:%M:%S') AS created_at, name, email, phone, postal_code,
            prefecture, strftime(birth_date, '%Y-%m-%d') AS birth_date, gender, acquisition_channel,
            referred_by_customer_id, attributes, strftime(anonymized_at, '%Y-%m-%d %H:%M:%S') AS anonymized_at
     FROM customers WHERE customer_id = $1 LIMIT 1`,
    [id],
  );
  return r[0] ?? null;
}

/** Returns R (days), F, M and dates from the RFM definition, or null without purchases. */
async function rfmValues(conn: DuckDBConnection, settings: Settings, id: string, asOf: string) {
  const r = await queryJson(
    conn,
    `WITH ${rfmBaseCte(settings)} SELECT strftime(first_d, '%Y-%m-%d') AS first_d, strftime(last_d, '%Y-%m-%d') AS last_d,
       r_days, f, m FROM rfm_base WHERE customer_id = $id`,
    { as_of: asOf, id },
  );
  return r[0] ?? null;
}

/** Returns the ladder level of the person as of the date (null when unknown to the ladder). */
async function ladderLevel(
  conn: DuckDBConnection,
  settings: Settings,
  id: string,
  asOf: string,
): Promise<number | null> {
  const r = await queryJson(
    conn,
    `WITH ${ladderCte(settings)} SELECT max(level) AS level FROM lad_people WHERE customer_id = $id`,
    {
      as_of: asOf,
      id,
    },
  );
  return r[0]?.level == null ? null : Number(r[0].level);
}

/** Returns the customer's history as of `asOf`, or null for an unknown customer id. */
export async function customerHistory(
  conn: DuckDBConnection,
  settings: Settings,
  id: string,
  asOf: string,
  opts: { personal: boolean; rfmCuts: RfmCuts | null },
): Promise<CustomerHistory | null> {
  const rec = await record(conn, id);
  const orders = await queryJson(
    conn,
    `SELECT o.order_id, strftime(o.ordered_at, '%Y-%m-%d %H:%M') AS ordered_at, CAST(o.amount AS DOUBLE) AS amount,
            CAST(o.discount_amount AS DOUBLE) AS discount_amount, o.status, o.channel, o.coupon_code,
            (SELECT string_agg(DISTINCT coalesce(i.category, i.product_name, i.sku), ', ') FROM order_items i WHERE i.order_id = o.order_id) AS items
     FROM orders o WHERE o.customer_id = $1 ORDER BY o.ordered_at DESC LIMIT ${LIMIT + 1}`,
    [id],
  );
  if (!rec && !orders.length) return null;
  const contacts = await queryJson(
    conn,
    `SELECT strftime(c.sent_at, '%Y-%m-%d %H:%M') AS sent_at, c.channel, c.campaign_id, k.name AS campaign, CAST(c.cost AS DOUBLE) AS cost
     FROM contacts c LEFT JOIN campaigns k USING (campaign_id) WHERE c.customer_id = $1 ORDER BY c.sent_at DESC LIMIT ${LIMIT + 1}`,
    [id],
  );
  const leads = await queryJson(
    conn,
    `SELECT l.lead_id, strftime(l.created_at, '%Y-%m-%d') AS created_at, l.source, l.email,
            (SELECT string_agg(e.type, ', ' ORDER BY e.event_at) FROM lead_events e WHERE e.lead_id = l.lead_id) AS events
     FROM leads l WHERE l.customer_id = $1 ORDER BY l.created_at`,
    [id],
  );
  const v = await rfmValues(conn, settings, id, asOf);
  // Without the report of as_of (no checkup yet), the cut set its checkup would use.
  let cuts = opts.rfmCuts;
  if (v && !cuts) {
    const c = await rfmCutSet({ conn, settings, asOf });
    cuts = { method: c.method, cut_points: cutPoints(c), cut_set: cutSetInfo(c) };
  }
  const scored = v && cuts ? scoreOne(cuts, Number(v.r_days), Number(v.f), Number(v.m)) : null;
  const level = await ladderLevel(conn, settings, id, asOf);
  const customer: Record<string, unknown> = { ...(rec ?? { customer_id: id }) };
  const personal: Record<string, unknown> = {};
  for (const k of PERSONAL_FIELDS) {
    personal[k] = customer[k] ?? null;
    delete customer[k];
  }
  // Free attributes may hold anything a shop exported (addresses, notes): personal to be safe.
  if (!opts.personal) delete customer.attributes;
  if (!opts.personal) for (const l of leads) delete l.email;
  const rDays = v ? Number(v.r_days) : null;
  const history = await customerValueHistory(conn, id, asOf);
  const now = history.find((h) => h.as_of === asOf) ?? null;
  const reason = v
    ? pAliveReason({
        p_alive: now ? now.p_alive : null,
        r_days: Number(v.r_days),
        purchase_days: Number(v.f),
        first_purchase: String(v.first_d),
        last_purchase: String(v.last_d),
      })
    : null;
  return {
    as_of: asOf,
    customer,
    personal: opts.personal ? personal : null,
    standing: {
      first_purchase: (v?.first_d as string) ?? null,
      last_purchase: (v?.last_d as string) ?? null,
      r_days: rDays,
      f: v ? Number(v.f) : 0,
      m: v ? Number(v.m) : 0,
      // SPEC §3: active = a purchase in the 365 days up to D (r_days 0–364).
      active: rDays !== null && rDays <= 364,
      ladder_level: level,
      ladder_stage: level === null ? null : stageOf(level),
      rfm: scored,
      rfm_cut_set: scored ? (cuts?.cut_set ?? null) : null,
    },
    value: { history, reason },
    orders: orders.slice(0, LIMIT),
    contacts: contacts.slice(0, LIMIT),
    leads,
    truncated: { orders: orders.length > LIMIT, contacts: contacts.length > LIMIT },
  };
}

/** Returns the scores and segment of one customer under the report's cuts (null without cuts). */
function scoreOne(c: RfmCuts, r: number, f: number, m: number) {
  const { recency_days, frequency, monetary } = c.cut_points;
  if (!recency_days || !frequency || !monetary) return null;
  const rules = scoreRules(c.method);
  const r_score = scoreValue(r, recency_days, rules.r);
  const f_score = scoreValue(f, frequency, rules.f);
  return {
    r_score,
    f_score,
    m_score: scoreValue(m, monetary, rules.m),
    segment: segmentOf(r_score, f_score),
  };
}

/** Returns up to 20 customers whose id starts with `q` (and, with personal access, whose name, e-mail or phone contains it). */
export async function searchCustomers(
  conn: DuckDBConnection,
  q: string,
  personal: boolean,
): Promise<Record<string, unknown>[]> {
  const like = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = personal
    ? `customer_id ILIKE $1 || '%' ESCAPE '\\' OR name ILIKE '%' || $1 || '%' ESCAPE '\\' OR email ILIKE '%' || $1 || '%' ESCAPE '\\' OR phone LIKE '%' || $1 || '%' ESCAPE '\\'`
    : `customer_id ILIKE $1 || '%' ESCAPE '\\'`;
  const cols = personal ? 'customer_id, name, email, prefecture' : 'customer_id, prefecture';
  return queryJson(
    conn,
    `SELECT ${cols} FROM customers WHERE ${where} ORDER BY customer_id LIMIT 20`,
    [like],
  );
}

/** Nulls the personal fields of a customer (and the e-mail of their leads), keeping orders; returns false if unknown. */
export async function anonymiseCustomer(
  conn: DuckDBConnection,
  id: string,
  at: string,
): Promise<boolean> {
  const r = await conn.runAndReadAll(`SELECT count(*) FROM customers WHERE customer_id = $1`, [id]);
  if (Number(r.getRows()[0][0]) === 0) return false;
  await conn.run(
    `UPDATE customers SET name = NULL, email = NULL, phone = NULL, postal_code = NULL, birth_date = NULL,
       anonymized_at = $2::TIMESTAMP WHERE customer_id = $1`,
    [id, at],
  );
  await conn.run(`UPDATE leads SET email = NULL WHERE customer_id = $1`, [id]);
  return true;
}
