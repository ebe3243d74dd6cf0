// Stored checkups: the dates, the latest report, a report by date, the overview, and running a
// checkup for a date (analyst+). Reports are sent as stored — the API never recomputes a number
// (one truth, shared with the CLI and the workbook). The schemas are the report contract's
// (src/report) through the zod type provider: every report is validated against it when read
// from the store (report-cache.ts), and the OpenAPI document describes it field by field.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError, notFound } from '../errors.js';
import { computeCheckup, lastOrderDate, storeCheckup } from '../../checkup/run.js';
import { loadSettings } from '../../store/settings-store.js';
import { logAudit } from '../../store/audit-store.js';
import { isIsoDate } from '../../domain/dates.js';
import type { CachedReport } from '../report-cache.js';
import { checkupReportSchema, overviewSchema } from '../../report/index.js';
import { errorBodySchema, withZod } from '../zod.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const noCheckup = () =>
  notFound(
    'no_checkup',
    'No checkup stored yet: run one first.',
    '健診結果がまだありません。先に健診を実行してください。',
  );

/** Sends a cached JSON body (gzip when accepted) with its ETag, or 304 when the client already has it. */
function sendCached(
  req: FastifyRequest,
  reply: FastifyReply,
  c: CachedReport,
  body: Buffer,
  gz: Buffer,
) {
  reply
    .header('etag', c.etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'accept-encoding')
    .type('application/json; charset=utf-8');
  if (req.headers['if-none-match'] === c.etag) return reply.code(304).send();
  if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
    return reply.header('content-encoding', 'gzip').send(gz);
  return reply.send(body);
}

/**
 * Sends a report's JSON as read from the store: validated against the contract when it was read
 * (report-cache.ts), so it is not serialised again (a report is about 350 KB).
 */
function sendJson(reply: FastifyReply, json: Buffer) {
  return reply.type('application/json; charset=utf-8').send(json);
}

/** Registers the checkup routes. */
export async function checkupRoutes(fastify: FastifyInstance): Promise<void> {
  const app = withZod(fastify);
  const { gate, cache } = app.kenshin;

  app.get(
    '/api/checkups',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['checkup'],
        summary: 'Dates of the stored checkups, newest first',
        response: {
          200: z.object({
            checkups: z.array(z.object({ as_of: isoDate, computed_at: z.string() })),
          }),
        },
      },
    },
    async () => {
      const rows = await gate.run(async (conn) =>
        (
          await conn.runAndReadAll(
            `SELECT strftime(as_of, '%Y-%m-%d'), strftime(computed_at, '%Y-%m-%dT%H:%M:%SZ') FROM checkups ORDER BY as_of DESC`,
          )
        ).getRows(),
      );
      return { checkups: rows.map((r) => ({ as_of: String(r[0]), computed_at: String(r[1]) })) };
    },
  );

  app.get(
    '/api/checkup/latest',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['checkup'],
        summary: 'The latest stored report',
        response: { 200: checkupReportSchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => {
      const c = await cache.getLatest();
      if (!c) throw noCheckup();
      return sendCached(req, reply, c, c.json, c.jsonGz);
    },
  );

  app.get(
    '/api/overview',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['checkup'],
        summary: 'The overview part of the latest report (lighter than the whole report)',
        response: { 200: overviewSchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => {
      const c = await cache.getLatest();
      if (!c) throw noCheckup();
      return sendCached(req, reply, c, c.overviewJson, c.overviewGz);
    },
  );

  app.get(
    '/api/checkup/:asOf',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['checkup'],
        summary: 'The stored report of a date',
        params: z.object({ asOf: isoDate }),
        response: { 200: checkupReportSchema, 404: errorBodySchema },
      },
    },
    async (req, reply) => {
      const { asOf } = req.params;
      const found = await cache.getDate(asOf);
      if (!found)
        throw notFound(
          'no_checkup',
          `No checkup stored for ${asOf}.`,
          `${asOf} の健診結果はありません。`,
        );
      return sendJson(reply, found.json);
    },
  );

  app.post(
    '/api/checkup/run',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['checkup'],
        summary: 'Compute and store the checkup of a date (default: the last order date)',
        body: z.strictObject({ as_of: isoDate.optional() }).optional(),
        response: {
          200: z.object({
            as_of: isoDate,
            computed_at: z.string(),
            findings: z.number().int(),
            seconds: z.number(),
          }),
          400: errorBodySchema,
        },
      },
    },
    async (req) => {
      const body = req.body ?? {};
      const t0 = performance.now();
      const report = await gate.run(async (conn) => {
        const asOf = body.as_of ?? (await lastOrderDate(conn));
        if (!asOf)
          throw new ApiError(
            400,
            'no_orders',
            'No orders yet: import orders first.',
            '注文データがありません。先に注文データを取り込んでください。',
          );
        if (!isIsoDate(asOf))
          throw new ApiError(400, 'bad_date', `Not a date: ${asOf}`, `日付が不正です: ${asOf}`);
        const r = await computeCheckup(conn, await loadSettings(conn), asOf);
        await storeCheckup(conn, r);
        await logAudit(conn, req.user!.username, 'checkup_run', { as_of: asOf });
        return r;
      });
      cache.invalidate();
      return {
        as_of: report.as_of,
        computed_at: report.computed_at,
        findings: report.findings.length,
        seconds: +((performance.now() - t0) / 1000).toFixed(2),
      };
    },
  );
}
