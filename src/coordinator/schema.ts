// Creating kenshin's own tables in PostgreSQL (schema `kenshin`; graphile-worker keeps its own).
import type pg from 'pg';

/**
 * Runs the idempotent DDL `sql` once per process start. Two processes opening at once both run
 * "create … if not exists"; a transaction-scoped advisory lock makes the second wait instead of
 * failing on a catalogue race.
 */
export async function createSchema(pool: pg.Pool, sql: string): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('begin');
    await c.query(`select pg_advisory_xact_lock(hashtext('kenshin.schema'))`);
    await c.query(sql);
    await c.query('commit');
  } catch (err) {
    await c.query('rollback');
    throw err;
  } finally {
    c.release();
  }
}
