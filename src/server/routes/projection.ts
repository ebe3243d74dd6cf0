// POST /api/projection: "if this continues" with what-if overrides. The fit comes from the
// stored report (its projection.fit, fitted when the checkup ran — one truth); this route only
// runs the domain model (domain/projection.ts) on it with the overrides the user moves.
import type { FastifyInstance } from 'fastify';
import { errorSchema, notFound } from '../errors.js';
import { project, type WhatIf } from '../../domain/projection.js';

/** Registers the projection route. */
export async function projectionRoutes(app: FastifyInstance): Promise<void> {
  const { cache } = app.kenshin;

  app.post(
    '/api/projection',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['simulation'],
        summary: "Run the stored checkup's projection with what-if overrides",
        body: {
          type: 'object',
          properties: {
            as_of: {
              type: 'string',
              pattern: '^\\d{4}-\\d{2}-\\d{2}$',
              description: 'Default: the latest checkup',
            },
            years: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
            what_if: {
              type: 'object',
              properties: {
                retention_rate: { type: 'number', minimum: 0, maximum: 1 },
                new_customers_per_year: { type: 'number', minimum: 0 },
                spend_factor: { type: 'number', minimum: 0, maximum: 10 },
                reactivation_rate: { type: 'number', minimum: 0, maximum: 1 },
              },
              additionalProperties: false,
            },
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', additionalProperties: true }, 404: errorSchema },
      },
    },
    async (req) => {
      const body = req.body as { as_of?: string; years: number; what_if?: WhatIf };
      const found = body.as_of ? await cache.getDate(body.as_of) : await cache.getLatest();
      if (!found)
        throw notFound(
          'no_checkup',
          'No checkup stored for that date.',
          'その日の健診結果はありません。',
        );
      const { report } = found;
      const fit = report.projection?.fit;
      if (!fit) {
        throw notFound(
          'no_projection',
          'This checkup has no projection: run the checkup again.',
          'この健診結果には予測がありません。健診を実行し直してください。',
        );
      }
      return {
        as_of: report.as_of,
        fit,
        what_if: body.what_if ?? {},
        years: project(fit, body.what_if ?? {}, body.years),
      };
    },
  );
}
