// A customer's history (GET /api/customers/:id; personal fields only for analysts and admins),
// customer search, and anonymisation on request (admin; audit-logged; orders are kept so no
// number of any checkup changes).
import type { FastifyInstance } from 'fastify';
import { errorSchema, notFound } from '../errors.js';
import { roleAtLeast } from '../context.js';
import {
  anonymiseCustomer,
  customerHistory,
  searchCustomers,
  type RfmCuts,
} from '../queries/customer.js';
import { loadSettings } from '../../store/settings-store.js';
import { lastOrderDate } from '../../checkup/run.js';
import { logAudit } from '../../store/audit-store.js';

const idParam = {
  type: 'object',
  properties: { id: { type: 'string', minLength: 1, maxLength: 200 } },
  required: ['id'],
} as const;

/** Returns the local wall-clock time 'YYYY-MM-DD HH:MM:SS' in a timezone (stored timestamps are local). */
export function localNow(timezone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date())
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** Registers the customer routes. */
export async function customerRoutes(app: FastifyInstance): Promise<void> {
  const { gate, cache } = app.kenshin;

  app.get(
    '/api/customers',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['customers'],
        summary: 'Find customers by id prefix (analysts and admins: also by name, e-mail or phone)',
        querystring: {
          type: 'object',
          properties: { q: { type: 'string', minLength: 1, maxLength: 100 } },
          required: ['q'],
        },
        response: {
          200: {
            type: 'object',
            properties: {
              customers: { type: 'array', items: { type: 'object', additionalProperties: true } },
            },
          },
        },
      },
    },
    async (req) => {
      const { q } = req.query as { q: string };
      const personal = roleAtLeast(req.user!.role, 'analyst');
      return { customers: await gate.run((conn) => searchCustomers(conn, q.trim(), personal)) };
    },
  );

  app.get(
    '/api/customers/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['customers'],
        summary:
          "A customer's history: orders, contacts, leads, R/F/M and ladder level as of the latest checkup",
        description: 'Viewers get `personal: null` and no lead e-mails or free attributes.',
        params: idParam,
        response: { 200: { type: 'object', additionalProperties: true }, 404: errorSchema },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const latest = await cache.getLatest();
      const rfm = (latest?.report as unknown as { rfm?: RfmCuts } | undefined)?.rfm;
      const personal = roleAtLeast(req.user!.role, 'analyst');
      const h = await gate.run(async (conn) => {
        const asOf =
          latest?.as_of ?? (await lastOrderDate(conn)) ?? new Date().toISOString().slice(0, 10);
        return customerHistory(conn, await loadSettings(conn), id, asOf, {
          personal,
          rfmCuts: rfm?.cut_points ? rfm : null,
        });
      });
      if (!h) throw notFound('no_customer', `No customer ${id}.`, `顧客 ${id} は見つかりません。`);
      return h;
    },
  );

  app.post(
    '/api/customers/:id/anonymise',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['customers'],
        summary:
          'Anonymise a customer on request: name, e-mail, phone, postal code and birth date become null',
        description:
          'Orders and contacts stay, so every stored and future number is unchanged. Audit-logged.',
        params: idParam,
        response: {
          200: {
            type: 'object',
            properties: { customer_id: { type: 'string' }, anonymized_at: { type: 'string' } },
          },
          404: errorSchema,
        },
      },
    },
    async (req) => {
      const { id } = req.params as { id: string };
      const at = await gate.run(async (conn) => {
        const stamp = localNow((await loadSettings(conn)).timezone);
        if (!(await anonymiseCustomer(conn, id, stamp))) return null;
        await logAudit(conn, req.user!.username, 'anonymise', { customer_id: id, ip: req.ip });
        return stamp;
      });
      if (!at) throw notFound('no_customer', `No customer ${id}.`, `顧客 ${id} は見つかりません。`);
      return { customer_id: id, anonymized_at: at };
    },
  );
}
