// POST /api/simulate: seed 003's cohort model (domain/models/simulation.ts) for a scenario —
// a preset, optionally overridden field by field — with yearly rows and, on request, the same
// scenario under several retention rates. Pure computation: no database.
import type { FastifyInstance } from 'fastify';
import { ApiError, errorSchema } from '../errors.js';
import { PRESETS, Scenario, sensitivity, simulate } from '../../domain/models/simulation.js';

interface SimulateBody {
  preset?: string;
  scenario?: Partial<Scenario>;
  sensitivity_rates?: number[];
}

/** Registers the simulation route. */
export async function simulateRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/simulate/presets',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['simulation'],
        summary: 'The built-in scenarios',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => ({ presets: PRESETS }),
  );

  app.post(
    '/api/simulate',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['simulation'],
        summary:
          'Run the cohort model: new customers per year, retention, annual LTV by tenure → active customers and revenue',
        body: {
          type: 'object',
          properties: {
            preset: { type: 'string', enum: Object.keys(PRESETS) },
            scenario: {
              type: 'object',
              additionalProperties: true,
              description: 'Fields of Scenario overriding the preset',
            },
            sensitivity_rates: {
              type: 'array',
              items: { type: 'number', minimum: 0, maximum: 1 },
              maxItems: 12,
            },
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', additionalProperties: true }, 400: errorSchema },
      },
    },
    async (req) => {
      const body = req.body as SimulateBody;
      const base = body.preset ? PRESETS[body.preset] : undefined;
      const parsed = Scenario.safeParse({ ...(base ?? {}), ...(body.scenario ?? {}) });
      if (!parsed.success) {
        const text = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
        throw new ApiError(
          400,
          'scenario_invalid',
          `Invalid scenario: ${text}`,
          `シナリオが不正です: ${text}`,
        );
      }
      const scenario = parsed.data;
      return {
        scenario,
        rows: simulate(scenario),
        sensitivity: body.sensitivity_rates?.length
          ? sensitivity(scenario, body.sensitivity_rates)
          : null,
      };
    },
  );
}
