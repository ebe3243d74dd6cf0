// Live segments: the list with counts, one segment's detail, saving, renaming and deleting definitions
// (analyst+), and the CSV export of members (analyst+: it holds personal data; the store writes
// the export to audit_log). Segments are evaluated on the data as it is now, as of the latest
// checkup's date unless ?as_of= says otherwise, so counts match the dashboard's RFM grid.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, errorSchema } from '../errors.js';
import { HttpCsvSink } from '../csv-sink.js';
import type { ReportCache } from '../report-cache.js';
import {
  SegmentFailure,
  deleteSegment,
  exportSegment,
  findSegment,
  listSegments,
  renameSegment,
  requireValue,
  saveSegment,
  showSegment,
} from '../../store/segments.js';
import { loadSettings } from '../../store/settings-store.js';
import { logAudit } from '../../store/audit-store.js';
import type { MetricContext } from '../../store/metrics/context.js';
import { cutSetInfo, rfmCutSet } from '../../store/metrics/rfm-cuts.js';
import { CSV_ENCODINGS, type CsvEncoding } from '../../outputs/csv-export.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ExportLang } from '../../domain/segments.js';

const nameParam = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
  required: ['name'],
} as const;
const asOfQuery = { as_of: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } } as const;

/** Returns the segment failure as an API error (404 for an unknown segment, else 400). */
function asApiError(err: unknown): unknown {
  if (!(err instanceof SegmentFailure)) return err;
  const e = err.error;
  return new ApiError(
    e.code === 'segment_not_found' ? 404 : 400,
    e.code,
    e.message_en,
    e.message_ja,
  );
}

/** Returns today's date in a timezone (the business's calendar). */
function today(timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Returns the metric context: ?as_of, else the latest checkup's date, else today. */
async function context(
  conn: DuckDBConnection,
  cache: ReportCache,
  asOf?: string,
): Promise<MetricContext> {
  const settings = await loadSettings(conn);
  const latest = asOf ? null : await cache.getLatest();
  return { conn, settings, asOf: asOf ?? latest?.as_of ?? today(settings.timezone) };
}

/** Returns an RFC 6266 Content-Disposition for a possibly Japanese file name. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Registers the segment routes. */
export async function segmentRoutes(app: FastifyInstance): Promise<void> {
  const { gate, cache } = app.kenshin;
  // The latest report is read before taking the connection: the cache may need it itself.
  const withCtx = async <T>(
    req: FastifyRequest,
    fn: (ctx: MetricContext) => Promise<T>,
  ): Promise<T> => {
    const { as_of } = (req.query ?? {}) as { as_of?: string };
    if (!as_of) await cache.getLatest();
    try {
      return await gate.run(async (conn) => fn(await context(conn, cache, as_of)));
    } catch (err) {
      throw asApiError(err);
    }
  };

  app.get(
    '/api/segments',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['segments'],
        summary:
          'Every segment (built-in RFM, ladder and customer value, and saved ones) with its live count (null, with the reason, when it reads customer value the date lacks)',
        querystring: { type: 'object', properties: asOfQuery },
        response: {
          200: {
            type: 'object',
            properties: {
              as_of: { type: 'string' },
              rfm_cut_set: { type: 'object', additionalProperties: true },
              segments: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
          },
        },
      },
    },
    async (req) =>
      withCtx(req, async (ctx) => {
        // The RFM counts are scored with this cut set: the checkup's of the same date.
        const cutSet = await rfmCutSet(ctx);
        return {
          as_of: ctx.asOf,
          rfm_cut_set: cutSetInfo(cutSet),
          segments: await listSegments(ctx, cutSet),
        };
      }),
  );

  app.get(
    '/api/segments/:name',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['segments'],
        summary: "A segment's definition, live count, Σ M and annual revenue",
        params: nameParam,
        querystring: { type: 'object', properties: asOfQuery },
        response: { 200: { type: 'object', additionalProperties: true }, 404: errorSchema },
      },
    },
    async (req) =>
      withCtx(req, async (ctx) => {
        const d = await showSegment(ctx, (req.params as { name: string }).name);
        // Example members are customer ids: numbers only for viewers, ids for analysts.
        return req.user!.role === 'viewer' ? { ...d, examples: [] } : d;
      }),
  );

  app.put(
    '/api/segments/:name',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['segments'],
        summary:
          'Save a segment definition: { from: [base…], where: { min_r_days, …, min_p_alive, …, max_clv_365, prefecture: […] } }',
        params: nameParam,
        body: { type: 'object', additionalProperties: true },
        response: { 200: { type: 'object', additionalProperties: true }, 400: errorSchema },
      },
    },
    async (req) => {
      const { name } = req.params as { name: string };
      try {
        const def = await gate.run((conn) => saveSegment(conn, name, req.body));
        return { name, definition: def };
      } catch (err) {
        throw asApiError(err);
      }
    },
  );

  app.post(
    '/api/segments/:name/rename',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['segments'],
        summary:
          'Rename a saved segment definition: { name: new name } (refuses a name in use; audit-logged)',
        params: nameParam,
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 100 } },
          required: ['name'],
        },
        response: {
          200: { type: 'object', properties: { name: { type: 'string' } } },
          400: errorSchema,
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const { name } = req.params as { name: string };
      const to = (req.body as { name: string }).name;
      try {
        await gate.run(async (conn) => {
          await renameSegment(conn, name, to);
          await logAudit(conn, req.user!.username, 'segment_rename', { segment: name, to });
        });
      } catch (err) {
        throw asApiError(err);
      }
      return { name: to };
    },
  );

  app.delete(
    '/api/segments/:name',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['segments'],
        summary: 'Delete a saved segment definition (audit-logged)',
        params: nameParam,
        response: {
          200: { type: 'object', properties: { ok: { type: 'boolean' } } },
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const { name } = req.params as { name: string };
      const ok = await gate.run(async (conn) => {
        const deleted = await deleteSegment(conn, name);
        if (deleted) await logAudit(conn, req.user!.username, 'segment_delete', { segment: name });
        return deleted;
      });
      if (!ok)
        throw new ApiError(
          404,
          'segment_not_found',
          `No saved segment ${name}.`,
          `保存されたセグメント「${name}」はありません。`,
        );
      return { ok: true };
    },
  );

  app.get(
    '/api/segments/:name/export',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['segments'],
        summary:
          'Evaluate a segment now and download its members as CSV (personal data; audit-logged)',
        params: nameParam,
        querystring: {
          type: 'object',
          properties: {
            ...asOfQuery,
            encoding: { type: 'string', enum: [...CSV_ENCODINGS], default: 'utf8-bom' },
            lang: { type: 'string', enum: ['ja', 'en'], default: 'ja' },
          },
        },
        response: { 200: { type: 'string', description: 'text/csv' }, 404: errorSchema },
      },
    },
    async (req, reply) => {
      const { name } = req.params as { name: string };
      const q = req.query as { as_of?: string; encoding: CsvEncoding; lang: ExportLang };
      if (!q.as_of) await cache.getLatest();
      // Resolve first, so an unknown segment is a clean 404, and a segment on customer value the
      // date lacks a clean 400, before the download starts.
      const ctx = await gate.run(async (conn) => {
        try {
          const segment = await findSegment(conn, name);
          const c = await context(conn, cache, q.as_of);
          await requireValue(c, segment.definition);
          return c;
        } catch (err) {
          throw asApiError(err);
        }
      });
      const sink = new HttpCsvSink(q.encoding);
      const file = `segment-${name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}-${ctx.asOf}.csv`;
      reply
        .header('content-disposition', attachment(file))
        .header('cache-control', 'no-store')
        .type(`text/csv; charset=${q.encoding === 'sjis' ? 'Shift_JIS' : 'utf-8'}`);
      gate
        .run((conn) =>
          exportSegment({ ...ctx, conn }, name, sink, {
            lang: q.lang,
            actor: req.user!.username,
            file: `http:${file}`,
            encoding: q.encoding,
          }),
        )
        .catch((err) => req.log.error({ err }, 'segment export failed'));
      return reply.send(sink.stream);
    },
  );
}
