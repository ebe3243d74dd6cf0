// Saved column mappings (import_mappings): `--save-mapping NAME` stores the header → field mapping
// and the reading options of a successful import, `--mapping NAME` reuses them.
import type { DuckDBConnection } from '@duckdb/node-api';

export interface SavedMapping {
  name: string;
  entity: string;
  /** header → canonical field ('-' for a column deliberately ignored). */
  mapping: Record<string, string>;
  /** Reading options: encoding, delimiter, sheet, skip, dateFormat, creditPrefix; statusWords (word → status). */
  options: Record<string, string | number | Record<string, string>>;
}

/** Stores (replacing any of the same name) a mapping. */
export async function saveMapping(conn: DuckDBConnection, m: SavedMapping): Promise<void> {
  await conn.run('DELETE FROM import_mappings WHERE name = $1', [m.name]);
  await conn.run(
    'INSERT INTO import_mappings (name, entity, mapping, options) VALUES ($1, $2, $3, $4)',
    [m.name, m.entity, JSON.stringify(m.mapping), JSON.stringify(m.options)],
  );
}

/** Returns the saved mapping of that name, or null. */
export async function loadMapping(
  conn: DuckDBConnection,
  name: string,
): Promise<SavedMapping | null> {
  const rows = (
    await conn.runAndReadAll(
      'SELECT name, entity, mapping, options FROM import_mappings WHERE name = $1',
      [name],
    )
  ).getRows();
  if (rows.length === 0) return null;
  const [n, entity, mapping, options] = rows[0].map(String);
  return { name: n, entity, mapping: JSON.parse(mapping), options: JSON.parse(options) };
}
