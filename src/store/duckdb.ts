// The DuckDB engine, loaded with require: @duckdb/node-api is CommonJS, and importing it as an
// ES module makes Node scan every one of its ~200 files for their exports first (about 0.2 s
// of CPU at each start). Values come from here; types are imported as usual.
import { createRequire } from 'node:module';

type NodeApi = typeof import('@duckdb/node-api');

let api: NodeApi | null = null;

/** Returns the @duckdb/node-api module (loaded on first use). */
export function duckdb(): NodeApi {
  api ??= createRequire(import.meta.url)('@duckdb/node-api') as NodeApi;
  return api;
}
