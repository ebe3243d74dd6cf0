// Routes whose schemas are zod (the report contract's, src/report): validation and
// serialisation by the schema through fastify-type-provider-zod, and the handler's types
// inferred from it. Set on a route plugin's own (encapsulated) instance, so the plugins that
// keep JSON Schema and Ajv are untouched; the OpenAPI document renders both kinds.
import type { FastifyInstance } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import { z } from 'zod';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';

/** Returns the plugin's instance with zod validation and serialisation, typed by its schemas. */
export function withZod(app: FastifyInstance) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  return app.withTypeProvider<ZodTypeProvider>();
}

/** Returns true when any part of a route schema is a zod schema. */
function hasZod(schema: Record<string, unknown> | undefined): boolean {
  if (!schema) return false;
  const parts = [schema.body, schema.querystring, schema.params, schema.headers];
  const response = (schema.response ?? {}) as Record<string, unknown>;
  return [...parts, ...Object.values(response)].some((s) => s instanceof z.ZodType);
}

/** The OpenAPI transform: zod route schemas as JSON Schema, JSON Schema routes as they are. */
export const openApiTransform: SwaggerTransform = (doc) =>
  hasZod(doc.schema as Record<string, unknown> | undefined)
    ? (jsonSchemaTransform as SwaggerTransform)(doc)
    : { schema: doc.schema, url: doc.url };

/** The error body of every API error (src/server/errors.ts), as a zod schema. */
export const errorBodySchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  message_ja: z.string(),
  details: z.unknown().optional(),
});
