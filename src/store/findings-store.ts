// Reading the findings stored with each checkup date, and writing those of a backtest.
//
// The history's days are the checkup dates and the days a backtest replayed (backtest_days):
// a new install that backtests its data has the history of the whole of it from day one. A
// replayed day's findings go into `findings` only when that day has no stored checkup: the
// checkup is what the user was shown (and alerted on) that day, so it is never overwritten.
import type { DuckDBConnection } from '@duckdb/node-api';
import { findingKey, type StoredFinding } from '../domain/diagnosis/history.js';
import type { Finding } from '../domain/diagnosis/types.js';
import { inTransaction } from './db.js';

// Created on the first backtest that writes (not a migration: nothing else needs it, and a
// database that never backtests keeps its schema).
const BACKTEST_DAYS_SQL = `CREATE TABLE IF NOT EXISTS backtest_days (
  as_of DATE PRIMARY KEY,
  replayed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`;

async function hasBacktestDays(conn: DuckDBConnection): Promise<boolean> {
  const r = await conn.runAndReadAll(
    `SELECT count(*) FROM duckdb_tables() WHERE table_name = 'backtest_days' AND schema_name = current_schema()`,
  );
  return Number(r.getRows()[0][0]) > 0;
}

/** Returns the checkup and backtest dates and their findings (optionally from `since` on). */
export async function loadFindingHistory(
  conn: DuckDBConnection,
  since?: string,
): Promise<{ dates: string[]; findings: StoredFinding[] }> {
  const where = since ? `WHERE as_of >= $1::DATE` : '';
  const params = since ? [since] : [];
  const replayed = (await hasBacktestDays(conn))
    ? `UNION SELECT as_of FROM backtest_days ${where}`
    : '';
  const dates = (
    await conn.runAndReadAll(
      `SELECT strftime(as_of, '%Y-%m-%d') FROM (SELECT as_of FROM checkups ${where} ${replayed}) ORDER BY 1`,
      params,
    )
  )
    .getRows()
    .map((r) => String(r[0]));
  const rows = (
    await conn.runAndReadAll(
      `SELECT strftime(as_of, '%Y-%m-%d'), finding FROM findings ${where} ORDER BY as_of`,
      params,
    )
  ).getRows();
  const findings = rows.map((r) => {
    const f = JSON.parse(String(r[1])) as Finding;
    return {
      as_of: String(r[0]),
      key: findingKey(f),
      id: f.id,
      severity: f.severity,
      title: f.title,
    };
  });
  return { dates, findings };
}

/**
 * Stores one replayed day's findings in the history, replacing those of an earlier replay of
 * the same day (so re-running a backtest adds no episode); a day with a stored checkup is
 * left as it is. Returns whether the day was written.
 */
export async function storeBacktestDay(
  conn: DuckDBConnection,
  asOf: string,
  findings: Finding[],
): Promise<boolean> {
  await conn.run(BACKTEST_DAYS_SQL);
  return inTransaction(conn, async () => {
    const checked = await conn.runAndReadAll(
      `SELECT count(*) FROM checkups WHERE as_of = $1::DATE`,
      [asOf],
    );
    if (Number(checked.getRows()[0][0]) > 0) return false;
    await conn.run(`DELETE FROM backtest_days WHERE as_of = $1::DATE`, [asOf]);
    await conn.run(`INSERT INTO backtest_days (as_of) VALUES ($1::DATE)`, [asOf]);
    await conn.run(`DELETE FROM findings WHERE as_of = $1::DATE`, [asOf]);
    for (const f of findings)
      await conn.run(`INSERT INTO findings VALUES ($1::DATE, $2, $3, $4)`, [
        asOf,
        f.id,
        f.severity,
        JSON.stringify(f),
      ]);
    return true;
  });
}
