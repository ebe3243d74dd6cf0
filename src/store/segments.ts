// Live segments in the store (SPEC §5): saved definitions, and their evaluation on the data as
// it is now. Members come from the RFM and ladder CTEs (one definition each) and the checkup's
// stored customer value of the as-of date; counts are one pass in SQL and exports stream from
// DuckDB chunk by chunk.
import type { DuckDBConnection } from '@duckdb/node-api';
import { SQL, num, type MetricContext } from './metrics/context.js';
import { rfmCte } from './metrics/rfm.js';
import { cutPoints, cutSetInfo, rfmCutSet, type RfmCutSet } from './metrics/rfm-cuts.js';
import { ladderCte, ladderStageSql } from './metrics/ladder.js';
import { inTransaction } from './db.js';
import { logAudit } from './audit-store.js';
import {
  customerValueCte,
  customerValueState,
  loadClvFit,
  type CustomerValueState,
} from './customer-value.js';
import { RFM_SEGMENTS } from '../domain/rfm.js';
import { AT_RISK_P_ALIVE, type RfmCutSetInfo } from '../report/index.js';
import {
  ALL_BASE,
  CLV_SEGMENTS,
  customerValueMissing,
  customerValueNeed,
  describeDefinition,
  builtinSegment,
  builtinSegments,
  checkSegmentName,
  cutSetLabel,
  exportHeader,
  parseDefinition,
  summarizeDefinition,
  type CustomerValueGap,
  type ExportLang,
  type SegmentDefinition,
  type SegmentError,
} from '../domain/segments.js';

/** A segment operation that failed for a reason the user can fix. */
export class SegmentFailure extends Error {
  constructor(readonly error: SegmentError) {
    super(error.message_en);
  }
}

export interface ResolvedSegment {
  name: string;
  kind: 'builtin' | 'saved';
  /** What a person calls it: a built-in's name in the language, a saved segment's own name. */
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  definition: SegmentDefinition;
  /** One line, e.g. "rfm:at_risk; M ≥ 30000". */
  summary: string;
  saved_at: string | null;
}

/** Creates the definitions table when missing (until it is part of the schema migrations). */
export async function ensureSegmentTable(conn: DuckDBConnection): Promise<void> {
  await conn.run(`CREATE TABLE IF NOT EXISTS segment_definitions (
    name VARCHAR NOT NULL,
    definition VARCHAR NOT NULL,
    saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp)`);
}

const notFound = (name: string) =>
  new SegmentFailure({
    code: 'segment_not_found',
    message_ja: `セグメント「${name}」はありません (kenshin segment list で一覧)`,
    message_en: `no segment "${name}" (see kenshin segment list)`,
  });

/** Validates and stores a definition under `name`, replacing any earlier one; returns it. */
export async function saveSegment(
  conn: DuckDBConnection,
  name: string,
  input: unknown,
): Promise<SegmentDefinition> {
  const bad = checkSegmentName(name);
  if (bad) throw new SegmentFailure(bad);
  const def = parseDefinition(input);
  if (!def.ok) throw new SegmentFailure(def.error);
  await ensureSegmentTable(conn);
  await inTransaction(conn, async () => {
    await conn.run(`DELETE FROM segment_definitions WHERE name = $1`, [name]);
    await conn.run(`INSERT INTO segment_definitions (name, definition) VALUES ($1, $2)`, [
      name,
      JSON.stringify(def.value),
    ]);
  });
  return def.value;
}

/**
 * Renames a saved definition, keeping its definition and saved_at; refuses a name already saved
 * (renaming must not replace another segment the way saving again does) and a missing `from`.
 */
export async function renameSegment(
  conn: DuckDBConnection,
  from: string,
  to: string,
): Promise<void> {
  const bad = checkSegmentName(to);
  if (bad) throw new SegmentFailure(bad);
  await ensureSegmentTable(conn);
  await inTransaction(conn, async () => {
    const count = async (name: string) =>
      Number(
        (
          await conn.runAndReadAll(`SELECT count(*) FROM segment_definitions WHERE name = $1`, [
            name,
          ])
        ).getRows()[0][0],
      );
    if ((await count(from)) === 0)
      throw new SegmentFailure({
        code: 'segment_not_found',
        message_ja: `保存されたセグメント「${from}」はありません`,
        message_en: `no saved segment "${from}"`,
      });
    if (from === to) return;
    if ((await count(to)) > 0)
      throw new SegmentFailure({
        code: 'segment_name_taken',
        message_ja: `セグメント「${to}」はすでにあります。別の名前にしてください`,
        message_en: `a segment "${to}" already exists; choose another name`,
      });
    await conn.run(`UPDATE segment_definitions SET name = $2 WHERE name = $1`, [from, to]);
  });
}

/** Deletes a saved definition; returns false when there was none (built-ins cannot be deleted). */
export async function deleteSegment(conn: DuckDBConnection, name: string): Promise<boolean> {
  await ensureSegmentTable(conn);
  const r = await conn.run(`DELETE FROM segment_definitions WHERE name = $1`, [name]);
  return r.rowsChanged > 0;
}

function resolveSaved(name: string, json: string, savedAt: string | null): ResolvedSegment {
  const def = parseDefinition(JSON.parse(json));
  if (!def.ok) throw new SegmentFailure(def.error);
  const summary = summarizeDefinition(def.value);
  return {
    name,
    kind: 'saved',
    title_ja: name,
    title_en: name,
    definition: def.value,
    summary,
    saved_at: savedAt,
    // Without a description of the user's, the definition in words (no codes on a screen).
    description_ja: def.value.description_ja ?? describeDefinition(def.value, 'ja'),
    description_en: def.value.description_en ?? describeDefinition(def.value, 'en'),
  };
}

/** Returns every segment: the built-ins, then the saved ones by name. */
export async function allSegments(conn: DuckDBConnection): Promise<ResolvedSegment[]> {
  await ensureSegmentTable(conn);
  const saved = (
    await conn.runAndReadAll(
      `SELECT name, definition, CAST(saved_at AS VARCHAR) FROM segment_definitions ORDER BY name`,
    )
  ).getRows();
  return [
    ...builtinSegments().map((b): ResolvedSegment => ({
      name: b.name,
      kind: 'builtin',
      title_ja: b.name_ja,
      title_en: b.name_en,
      description_ja: `${b.name_ja}: ${b.description_ja}`,
      description_en: `${b.name_en}: ${b.description_en}`,
      definition: { from: [b.name], where: {} },
      summary: b.name,
      saved_at: null,
    })),
    ...saved.map((r) =>
      resolveSaved(String(r[0]), String(r[1]), r[2] === null ? null : String(r[2])),
    ),
  ];
}

/** Returns the segment called `name` (built-in or saved); throws segment_not_found. */
export async function findSegment(conn: DuckDBConnection, name: string): Promise<ResolvedSegment> {
  const found = (await allSegments(conn)).find((s) => s.name === name);
  if (!found) throw notFound(name);
  return found;
}

/** Returns `s` as an SQL string literal (for names from the code's own tables). */
const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Returns the CTEs (without WITH) ending in seg_people: one row per person as of $as_of with
 * customer_id, lead_id, ladder_level, ladder_stage, r_days, f, m, r/f/m scores, rfm_segment and
 * contact fields, and the checkup's customer value of $as_of (p_alive, expected_365, clv_365,
 * clv_decile; NULL without). Anonymised customers are left out: they must not reappear on a list.
 * The RFM scores use `cutSet`, the cut set of ctx.asOf (rfmCutSet), as the checkup of that date
 * does. The CLV deciles are ranked over all of the date's rows before the join, as the report's.
 * customer_value must exist (customerValueState creates it).
 */
export function segmentPeopleCte(ctx: MetricContext, cutSet: RfmCutSet): string {
  return `${rfmCte(ctx.settings, cutSet)}, ${ladderCte(ctx.settings)},
  ${customerValueCte('seg_value', '$as_of')},
  seg_people AS (
    SELECT p.customer_id, p.lead_id, p.level AS ladder_level, ${ladderStageSql('p.level')} AS ladder_stage,
           r.r_days, r.f, r.m, r.r_score, r.f_score, r.m_score, r.segment AS rfm_segment,
           c.name, coalesce(c.email, ld.email) AS email, c.phone, c.postal_code, c.prefecture, c.acquisition_channel,
           v.p_alive, v.expected_365, v.clv_365, v.clv_decile
    FROM lad_people p
    LEFT JOIN rfm r ON r.customer_id = p.customer_id
    LEFT JOIN seg_value v ON v.customer_id = p.customer_id
    LEFT JOIN customers c ON c.customer_id = p.customer_id
    LEFT JOIN leads ld ON ld.lead_id = p.lead_id
    WHERE c.anonymized_at IS NULL
  )`;
}

const NUMBER_FILTERS = {
  min_r_days: 'r_days >=',
  max_r_days: 'r_days <=',
  min_f: 'f >=',
  max_f: 'f <=',
  min_m: 'm >=',
  max_m: 'm <=',
  // Without customer value for the person (a lead, no purchase by D) the comparison is NULL: out.
  min_p_alive: 'p_alive >=',
  max_p_alive: 'p_alive <=',
  min_expected_365: 'expected_365 >=',
  max_expected_365: 'expected_365 <=',
  min_clv_365: 'clv_365 >=',
  max_clv_365: 'clv_365 <=',
} as const;

/** The condition of each customer-value built-in over seg_people. */
const CLV_CONDITIONS: Record<(typeof CLV_SEGMENTS)[number]['key'], string> = {
  // The report's clv.high_value_at_risk (stagedHighValueAtRisk): decile 10 and P(alive) below the bound.
  high_value_at_risk: `(clv_decile = 10 AND p_alive < ${AT_RISK_P_ALIVE})`,
};

/** Returns why a definition cannot be evaluated on the stored customer value, or null when it can. */
function valueGap(def: SegmentDefinition, state: CustomerValueState): CustomerValueGap | null {
  const need = customerValueNeed(def);
  if (!need) return null;
  if (state.customers === 0) return state.checkup === 'too_few' ? 'too_few' : 'no_checkup';
  return need === 'clv' && state.customers_with_clv === 0 ? 'no_clv' : null;
}

/**
 * Throws customer_value_missing when the definition reads customer value that ctx.asOf lacks
 * (exported so an HTTP export can refuse before its download starts).
 */
export async function requireValue(ctx: MetricContext, def: SegmentDefinition): Promise<void> {
  const gap = valueGap(def, await customerValueState(ctx.conn, ctx.asOf));
  if (gap) throw new SegmentFailure(customerValueMissing(ctx.asOf, gap));
}

/** Returns the WHERE condition of a definition over seg_people; values are bound as $<p>_… parameters. */
export function segmentCondition(
  def: SegmentDefinition,
  p: string,
): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = {};
  const bases = def.from.map((name) => {
    if (name === ALL_BASE) return 'TRUE';
    const b = builtinSegment(name);
    if (!b) throw notFound(name);
    if (b.family === 'clv') return CLV_CONDITIONS[b.key as keyof typeof CLV_CONDITIONS];
    return `${b.family === 'rfm' ? 'rfm_segment' : 'ladder_stage'} = ${sqlString(b.key)}`;
  });
  const parts = [`(${bases.join(' OR ')})`];
  for (const [k, cmp] of Object.entries(NUMBER_FILTERS)) {
    const v = def.where[k as keyof typeof NUMBER_FILTERS];
    if (v === undefined) continue;
    params[`${p}_${k}`] = v;
    parts.push(`${cmp} $${p}_${k}`);
  }
  for (const k of ['prefecture', 'acquisition_channel'] as const) {
    const list = def.where[k];
    if (!list) continue;
    const names = list.map((v, i) => {
      params[`${p}_${k}_${i}`] = v;
      return `$${p}_${k}_${i}`;
    });
    parts.push(`${k} IN (${names.join(', ')})`);
  }
  return { sql: parts.join(' AND '), params };
}

/** Runs `sql` with $as_of and `params` bound and returns JSON-safe rows. */
async function read(ctx: MetricContext, sql: string, params: Record<string, unknown>) {
  const reader = await ctx.conn.runAndReadAll(sql, { as_of: ctx.asOf, ...params } as never);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

export interface SegmentCount {
  name: string;
  kind: 'builtin' | 'saved';
  title_ja: string;
  title_en: string;
  description_ja: string;
  description_en: string;
  summary: string;
  /** Members as of ctx.asOf; null when the segment reads customer value the date lacks. */
  count: number | null;
  /** Why count is null (customer_value_missing), so the list says it rather than showing 0. */
  unavailable: SegmentError | null;
}

/**
 * Returns every segment with its live member count as of ctx.asOf (one pass over the people);
 * `cutSet` when the caller resolved it already (to show it beside the counts).
 */
export async function listSegments(
  ctx: MetricContext,
  cutSet?: RfmCutSet,
): Promise<SegmentCount[]> {
  const cuts = cutSet ?? (await rfmCutSet(ctx));
  const segs = await allSegments(ctx.conn);
  const state = await customerValueState(ctx.conn, ctx.asOf);
  const gaps = segs.map((s) => valueGap(s.definition, state));
  const params: Record<string, unknown> = {};
  const cols = segs.map((s, i) => {
    if (gaps[i]) return `NULL AS n${i}`;
    const c = segmentCondition(s.definition, `s${i}`);
    Object.assign(params, c.params);
    return `count(*) FILTER (WHERE ${c.sql}) AS n${i}`;
  });
  const [counts] = await read(
    ctx,
    `WITH ${segmentPeopleCte(ctx, cuts)} SELECT ${cols.join(', ')} FROM seg_people`,
    params,
  );
  return segs.map((s, i) => ({
    name: s.name,
    kind: s.kind,
    title_ja: s.title_ja,
    title_en: s.title_en,
    description_ja: s.description_ja,
    description_en: s.description_en,
    summary: s.summary,
    count: gaps[i] ? null : (num(counts[`n${i}`]) ?? 0),
    unavailable: gaps[i] ? customerValueMissing(ctx.asOf, gaps[i]) : null,
  }));
}

export interface SegmentDetail {
  segment: ResolvedSegment;
  as_of: string;
  count: number;
  /** Σ M of the members (M as configured: lifetime or windowed). */
  monetary: number;
  /** Revenue events of the members in [D−364, D]. */
  annual_revenue: number;
  /** Up to five member ids, highest M first (leads as 'lead:<id>'). */
  examples: string[];
  /** The cut set the RFM scores used (the checkup's of the same date). */
  rfm_cut_set: RfmCutSetInfo;
}

/** Returns a segment's definition and its live count, revenue and example members as of ctx.asOf. */
export async function showSegment(ctx: MetricContext, name: string): Promise<SegmentDetail> {
  const segment = await findSegment(ctx.conn, name);
  await requireValue(ctx, segment.definition);
  const c = segmentCondition(segment.definition, 's');
  const cutSet = await rfmCutSet(ctx);
  const [r] = await read(
    ctx,
    `WITH ${segmentPeopleCte(ctx, cutSet)},
     members AS MATERIALIZED (SELECT * FROM seg_people WHERE ${c.sql})
     SELECT (SELECT count(*) FROM members) AS count,
            (SELECT coalesce(sum(m), 0) FROM members) AS monetary,
            (SELECT coalesce(sum(o.amount), 0) FROM orders o JOIN members mb ON mb.customer_id = o.customer_id
             WHERE ${SQL.isRevenueEvent} AND ${SQL.day('o.ordered_at')} BETWEEN $as_of::DATE - 364 AND $as_of::DATE) AS annual_revenue,
            (SELECT list(id) FROM (SELECT coalesce(customer_id, 'lead:' || lead_id) AS id FROM members
                                   ORDER BY m DESC NULLS LAST, id LIMIT 5)) AS examples`,
    c.params,
  );
  return {
    segment,
    as_of: ctx.asOf,
    count: num(r.count) ?? 0,
    monetary: num(r.monetary) ?? 0,
    annual_revenue: num(r.annual_revenue) ?? 0,
    examples: ((r.examples as string[] | null) ?? []).map(String),
    rfm_cut_set: cutSetInfo(cutSet),
  };
}

/** Where export rows go: a CSV file, an HTTP response … */
export interface RowSink {
  writeHeader(values: readonly (string | null)[]): Promise<void>;
  writeRow(values: readonly (string | null)[]): Promise<void>;
  /** Finishes and publishes the output; returns the rows and characters the encoding replaced. */
  close(): Promise<{ rows: number; replaced: number }>;
  /** Discards the output. */
  abort(): Promise<void>;
  /**
   * Optional two-phase end for outputs that can be held back (a file under a temporary name, an
   * HTTP response kept open):
   * finish completes without publishing, commit publishes. The audit row goes in between.
   */
  finish?(): Promise<{ rows: number; replaced: number }>;
  commit?(): Promise<void>;
}

export interface ExportMeta {
  lang: ExportLang;
  /** Who exports, e.g. 'cli:tanaka'. */
  actor: string;
  /** The file (or destination) named in the audit log. */
  file: string;
  encoding: string;
}

/**
 * Returns the SELECT of the export columns (domain EXPORT_COLUMNS order, then VALUE_EXPORT_COLUMNS
 * when `withValue`) for the members of a condition.
 */
function exportSql(
  ctx: MetricContext,
  cutSet: RfmCutSet,
  cond: string,
  lang: ExportLang,
  withValue: boolean,
): string {
  const label = RFM_SEGMENTS.map(
    (s) => `WHEN ${sqlString(s.id)} THEN ${sqlString(lang === 'ja' ? s.name_ja : s.name_en)}`,
  );
  // Decimals print without trailing zeros (30000, not 30000.0000); levels with one decimal (1.0).
  // The cut set is named on the rows it scored (a prospect has no RFM score).
  return `WITH ${segmentPeopleCte(ctx, cutSet)}
    SELECT customer_id, name, email, phone, postal_code, prefecture,
           CAST(r_days AS VARCHAR), CAST(f AS VARCHAR), regexp_replace(CAST(m AS VARCHAR), '\\.?0+$', ''),
           CASE rfm_segment ${label.join(' ')} END,
           CASE WHEN ladder_level * 10 = floor(ladder_level * 10) THEN printf('%.1f', ladder_level)
                ELSE printf('%.2f', ladder_level) END,
           lead_id,
           CASE WHEN rfm_segment IS NOT NULL THEN ${sqlString(cutSetLabel(cutSetInfo(cutSet), lang))} END
           ${withValue ? valueColumns : ''}
    FROM seg_people WHERE ${cond}
    ORDER BY customer_id NULLS LAST, lead_id`;
}

// P(alive) as a probability to three places, purchases to two, CLV in whole currency units: the
// precision a person reads; the model is not more exact than that.
const valueColumns = `, printf('%.3f', p_alive), printf('%.2f', expected_365),
           CAST(CAST(round(clv_365) AS BIGINT) AS VARCHAR)`;

/**
 * Evaluates the segment on the data as it is now, streams its members into `sink` and records
 * the export in audit_log (SPEC §9); a two-phase sink is published only after its audit row is
 * written. Returns the rows and replaced characters.
 */
export async function exportSegment(
  ctx: MetricContext,
  name: string,
  sink: RowSink,
  meta: ExportMeta,
): Promise<{ rows: number; replaced: number }> {
  try {
    const segment = await findSegment(ctx.conn, name);
    await requireValue(ctx, segment.definition);
    const withValue = customerValueNeed(segment.definition) !== null;
    const c = segmentCondition(segment.definition, 's');
    const cutSet = await rfmCutSet(ctx);
    await sink.writeHeader(exportHeader(meta.lang, withValue));
    const result = await ctx.conn.stream(exportSql(ctx, cutSet, c.sql, meta.lang, withValue), {
      as_of: ctx.asOf,
      ...c.params,
    } as never);
    // One DuckDB chunk (about 2,048 rows) in JavaScript at a time.
    for await (const chunk of result.yieldRowsJson()) {
      for (const row of chunk) await sink.writeRow(row as (string | null)[]);
    }
    // A sink that can hold its output back (a file under a temporary name, an HTTP response kept
    // open) publishes only after the audit row is in; one that cannot is closed, then audited.
    const twoPhase = sink.finish && sink.commit;
    const { rows, replaced } = twoPhase ? await sink.finish!() : await sink.close();
    const detail = {
      segment: name,
      rows,
      file: meta.file,
      as_of: ctx.asOf,
      encoding: meta.encoding,
      lang: meta.lang,
      replaced_characters: replaced,
      // Which cuts scored the rows, in full: the file names the cut set, the log keeps its values.
      rfm_cut_set: { ...cutSetInfo(cutSet), cut_points: cutPoints(cutSet) },
      // Which fit the P(alive) and CLV columns came from: a later checkup of D may refit.
      ...(withValue
        ? {
            customer_value: {
              fitted_at: (await loadClvFit(ctx.conn, ctx.asOf))?.fitted_at ?? null,
            },
          }
        : {}),
    };
    await logAudit(ctx.conn, meta.actor, 'export', detail);
    if (twoPhase) await sink.commit!();
    return { rows, replaced };
  } catch (err) {
    await sink.abort();
    throw err;
  }
}
