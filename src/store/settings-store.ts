// Reads and writes the business's settings record (one JSON document in the settings table).
// Every write is validated by the one zod schema (domain/settings.ts), whoever writes: the
// dashboard, `kenshin settings set`, `kenshin settings import FILE`, the demo.
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  checkSettings,
  repairSettings,
  settingsError,
  withoutLegacyKeys,
  type Settings,
  type SettingsProblem,
} from '../domain/settings.js';

/** Returns the stored settings document as it is, less keys that are gone and meant what kenshin does anyway (null when none was ever stored). */
export async function loadRawSettings(conn: DuckDBConnection): Promise<unknown> {
  const rows = (
    await conn.runAndReadAll(`SELECT value FROM settings WHERE key = 'settings'`)
  ).getRows();
  if (!rows.length) return null;
  try {
    return withoutLegacyKeys(JSON.parse(String(rows[0][0])));
  } catch {
    return { '(stored settings are not JSON)': String(rows[0][0]).slice(0, 40) };
  }
}

/**
 * Returns the stored settings merged over the defaults; throws KenshinError 'settings_invalid'
 * naming each field when the stored document is invalid (fix it on the settings page or with
 * `kenshin settings set`).
 */
export async function loadSettings(conn: DuckDBConnection): Promise<Settings> {
  const r = checkSettings((await loadRawSettings(conn)) ?? {});
  if (!r.ok)
    throw settingsError(r.problems, {
      ja: '保存済みの設定。設定画面か kenshin settings set で直してください',
      en: 'stored settings; fix them on the settings page or with kenshin settings set',
    });
  return r.settings;
}

/** Returns the stored settings for display, invalid fields at their defaults, and the problems. */
export async function loadSettingsLenient(
  conn: DuckDBConnection,
): Promise<{ settings: Settings; problems: SettingsProblem[] }> {
  return repairSettings((await loadRawSettings(conn)) ?? {});
}

/** Validates and stores the settings; returns what was stored (defaults filled in). */
export async function saveSettings(conn: DuckDBConnection, input: unknown): Promise<Settings> {
  const r = checkSettings(input);
  if (!r.ok) throw settingsError(r.problems);
  await conn.run(`DELETE FROM settings WHERE key = 'settings'`);
  await conn.run(`INSERT INTO settings (key, value) VALUES ('settings', $1)`, [
    JSON.stringify(r.settings),
  ]);
  return r.settings;
}
