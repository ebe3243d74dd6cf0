// The demo business of `npm start`: generate it, then import every file through the real
// importer, exactly as a user's files would go.
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { generateDemoData, type DemoOptions, type DemoSummary } from '../demo/generator.js';
import { importFile, type ImportResult } from '../ingest/import.js';
import type { EntityName } from '../ingest/entities.js';

/** The demo files in import order (customers before the orders that name them). */
export const DEMO_FILES: [EntityName, string][] = [
  ['customers', 'customers.csv'],
  ['orders', 'orders.csv'],
  ['order-items', 'order_items.csv'],
  ['contacts', 'contacts.csv'],
  ['campaigns', 'campaigns.csv'],
  ['ad-spend', 'ad_spend.csv'],
  ['leads', 'leads.csv'],
  ['lead-events', 'lead_events.csv'],
];

/** Imports the canonical files of a generated business in `dir`; throws if any file fails. */
export async function importDemoFiles(
  conn: DuckDBConnection,
  dir: string,
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const [entity, name] of DEMO_FILES) {
    const r = await importFile(conn, { entity, file: join(dir, name) });
    if (!r.ok)
      throw new Error(
        `demo import of ${name} failed: ${JSON.stringify(r.validation).slice(0, 500)}`,
      );
    results.push(r);
  }
  return results;
}

/** Generates a demo business into `options.dir` and imports it; returns the generator's summary. */
export async function loadDemo(conn: DuckDBConnection, options: DemoOptions): Promise<DemoSummary> {
  const summary = await generateDemoData(options);
  await importDemoFiles(conn, options.dir);
  return summary;
}
