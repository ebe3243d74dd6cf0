// Reads and writes the business's settings record (one JSON document in the settings table).
import type { DuckDBConnection } from '@duckdb/node-api';
import { parseSettings, type Settings } from '../domain/settings.js';

/** Returns the stored settings merged over the defaults. */
export async function loadSettings(conn: DuckDBConnection): Promise<Settings> {
  const rows = (await conn.runAndReadAll(`SELECT value FROM settings WHERE key = 'settings'`)).getRows();
  return parseSettings(rows.length ? JSON.parse(String(rows[0][0])) : {});
}

/** Validates and stores the settings; returns what was stored (defaults filled in). */
export async function saveSettings(conn: DuckDBConnection, input: unknown): Promise<Settings> {
  const settings = parseSettings(input);
  await conn.run(`DELETE FROM settings WHERE key = 'settings'`);
  await conn.run(`INSERT INTO settings (key, value) VALUES ('settings', $1)`, [JSON.stringify(settings)]);
  return settings;
}
