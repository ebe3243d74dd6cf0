// GET /api/findings/history: when each problem began and ended, from the findings stored with
// each checkup (the same episodes as `kenshin findings`).
import type { FastifyInstance } from 'fastify';
import { loadFindingHistory } from '../../store/findings-store.js';
import { findingEpisodes } from '../../domain/diagnosis/history.js';

const text = {
  type: 'object',
  properties: { ja: { type: 'string' }, en: { type: 'string' } },
} as const;

/** Registers the findings history route. */
export async function findingsRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/findings/history',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['findings'],
        summary: 'Episodes of each finding over the stored checkups',
        querystring: {
          type: 'object',
          properties: { since: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              dates: { type: 'array', items: { type: 'string' } },
              episodes: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    key: { type: 'string' },
                    id: { type: 'string' },
                    began: { type: 'string' },
                    ended: { type: ['string', 'null'] },
                    last_seen: { type: 'string' },
                    severity: { type: 'string' },
                    title: text,
                  },
                },
              },
            },
          },
        },
      },
    },
    async (req) => {
      const { since } = req.query as { since?: string };
      const { dates, findings } = await app.kenshin.gate.run((conn) =>
        loadFindingHistory(conn, since),
      );
      return { dates, episodes: findingEpisodes(dates, findings) };
    },
  );
}
