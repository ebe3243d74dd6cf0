// Running a metric query with the as-of date bound as $as_of (and any other named values).
import type { MetricContext } from './context.js';

export type Row = Record<string, unknown>;

/** Returns the rows of `sql` as JSON-safe objects; `$as_of` is bound to ctx.asOf. */
export async function rows(ctx: MetricContext, sql: string, params: Record<string, unknown> = {}): Promise<Row[]> {
  const used: Record<string, unknown> = {};
  const all: Record<string, unknown> = { as_of: ctx.asOf, ...params };
  // DuckDB refuses values for parameters the statement does not use.
  for (const [k, v] of Object.entries(all)) if (sql.includes(`$${k}`)) used[k] = v;
  const reader = await ctx.conn.runAndReadAll(sql, used as never);
  return reader.getRowObjectsJson() as Row[];
}

/** Returns the single row of `sql` (throws if there is none). */
export async function one(ctx: MetricContext, sql: string, params: Record<string, unknown> = {}): Promise<Row> {
  const r = await rows(ctx, sql, params);
  if (!r.length) throw new Error('metric query returned no row');
  return r[0];
}
