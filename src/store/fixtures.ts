// Small hand-written fixtures for metric tests: rows inserted straight into a fresh store.
import type { DuckDBConnection } from '@duckdb/node-api';
import { openStore, type Store } from './db.js';

export interface OrderRow {
  order_id?: string;
  customer_id: string | null;
  /** 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS' local time. */
  at: string;
  amount: number;
  status?: 'completed' | 'cancelled' | 'returned';
  discount_amount?: number;
  channel?: string;
  coupon_code?: string;
}

export interface ContactRow {
  customer_id: string;
  at: string;
  channel?: string;
  campaign_id?: string;
  cost?: number;
}

/** Returns a fresh in-memory store. */
export function memoryStore(): Promise<Store> {
  return openStore(':memory:');
}

/** Inserts orders; ids default to o1, o2, … in the given order. */
export async function insertOrders(conn: DuckDBConnection, orders: OrderRow[]): Promise<void> {
  const app = await conn.createAppender('orders');
  let i = 0;
  for (const o of orders) {
    i++;
    app.appendVarchar(o.order_id ?? `o${i}`);
    if (o.customer_id === null) app.appendNull();
    else app.appendVarchar(o.customer_id);
    app.appendVarchar(o.at.length === 10 ? `${o.at} 12:00:00` : o.at);
    app.appendVarchar(String(o.amount));
    if (o.discount_amount === undefined) app.appendNull();
    else app.appendVarchar(String(o.discount_amount));
    app.appendNull(); // shipping
    app.appendVarchar(o.status ?? 'completed');
    if (o.channel === undefined) app.appendNull();
    else app.appendVarchar(o.channel);
    if (o.coupon_code === undefined) app.appendNull();
    else app.appendVarchar(o.coupon_code);
    app.endRow();
  }
  app.closeSync();
}

/** Inserts contacts; ids c1, c2, …; channel defaults to dm. */
export async function insertContacts(conn: DuckDBConnection, contacts: ContactRow[]): Promise<void> {
  let i = 0;
  for (const c of contacts) {
    i++;
    await conn.run(
      `INSERT INTO contacts VALUES ($1, $2, $3::TIMESTAMP, $4, $5, $6::DECIMAL(18,4))`,
      [`c${i}`, c.customer_id, c.at.length === 10 ? `${c.at} 09:00:00` : c.at, c.channel ?? 'dm', c.campaign_id ?? null, c.cost ?? null] as never,
    );
  }
}

/** Runs any SQL (for customers, ad_spend, leads … in a test). */
export async function exec(conn: DuckDBConnection, sql: string): Promise<void> {
  await conn.run(sql);
}
