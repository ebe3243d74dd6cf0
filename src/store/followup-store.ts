// Follow-up steps and the targets each daily run produced (who was listed, who was held out
// as control), so a rerun on the same day replaces rather than duplicates, and the conversion
// report knows the control group.
import type { DuckDBConnection } from '@duckdb/node-api';

/** What the store needs of a step (the full definition lives in src/jobs/followup/steps.ts). */
export interface StepRef {
  id: string;
  name: string;
  channel: string;
  cost: number | null;
}

/** The tables (also proposed as a migration; CREATE IF NOT EXISTS keeps older files working). */
export const FOLLOWUP_SQL = [
  `CREATE TABLE IF NOT EXISTS followup_steps (
  step_id VARCHAR NOT NULL,
  definition VARCHAR NOT NULL,       -- JSON of the step (src/jobs/followup/steps.ts)
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
)`,
  `CREATE TABLE IF NOT EXISTS followup_targets (
  step_id VARCHAR NOT NULL,
  run_date DATE NOT NULL,            -- the day the list was produced (first purchase + days)
  customer_id VARCHAR NOT NULL,
  first_purchase DATE NOT NULL,
  held_out BOOLEAN NOT NULL,         -- control group: listed as eligible, deliberately not contacted
  contact_id VARCHAR                 -- the contacts row recorded (NULL when held out)
)`,
];

export interface TargetRow {
  step_id: string;
  run_date: string;
  customer_id: string;
  first_purchase: string;
  held_out: boolean;
  contact_id: string | null;
}

/** Creates the tables when missing. */
export async function ensureFollowupTables(conn: DuckDBConnection): Promise<void> {
  for (const sql of FOLLOWUP_SQL) await conn.run(sql);
}

/** Returns the stored step definitions (JSON objects, by id; parsed by the caller). */
export async function listStepDefinitions(conn: DuckDBConnection): Promise<unknown[]> {
  await ensureFollowupTables(conn);
  const r = await conn.runAndReadAll(`SELECT definition FROM followup_steps ORDER BY step_id`);
  return r.getRows().map((x) => JSON.parse(String(x[0])) as unknown);
}

/** Stores a step definition, replacing one with the same id. */
export async function saveStep(conn: DuckDBConnection, step: StepRef): Promise<void> {
  await ensureFollowupTables(conn);
  await conn.run(`DELETE FROM followup_steps WHERE step_id = $1`, [step.id]);
  await conn.run(`INSERT INTO followup_steps (step_id, definition) VALUES ($1, $2)`, [
    step.id,
    JSON.stringify(step),
  ]);
}

/** Deletes a step (its recorded targets and contacts stay: they are history); returns whether it existed. */
export async function deleteStep(conn: DuckDBConnection, id: string): Promise<boolean> {
  await ensureFollowupTables(conn);
  const n = (
    await conn.runAndReadAll(`SELECT count(*) FROM followup_steps WHERE step_id = $1`, [id])
  ).getRows()[0][0];
  await conn.run(`DELETE FROM followup_steps WHERE step_id = $1`, [id]);
  return Number(n) > 0;
}

/** Replaces the targets (and their contacts) of one step and day with `rows`. Run inside a transaction. */
export async function replaceTargets(
  conn: DuckDBConnection,
  step: StepRef,
  runDate: string,
  rows: TargetRow[],
): Promise<void> {
  await ensureFollowupTables(conn);
  await conn.run(
    `DELETE FROM contacts WHERE contact_id IN (
       SELECT contact_id FROM followup_targets WHERE step_id = $1 AND run_date = $2::DATE AND contact_id IS NOT NULL)`,
    [step.id, runDate],
  );
  await conn.run(`DELETE FROM followup_targets WHERE step_id = $1 AND run_date = $2::DATE`, [
    step.id,
    runDate,
  ]);
  const app = await conn.createAppender('followup_targets');
  for (const t of rows) {
    app.appendVarchar(t.step_id);
    app.appendVarchar(t.run_date);
    app.appendVarchar(t.customer_id);
    app.appendVarchar(t.first_purchase);
    app.appendBoolean(t.held_out);
    if (t.contact_id === null) app.appendNull();
    else app.appendVarchar(t.contact_id);
    app.endRow();
  }
  app.closeSync();
  for (const t of rows) {
    if (t.contact_id === null) continue;
    await conn.run(
      `INSERT INTO contacts VALUES ($1, $2, $3::TIMESTAMP, $4, $5, $6::DECIMAL(18,4))`,
      [
        t.contact_id,
        t.customer_id,
        `${runDate} 09:00:00`,
        step.channel,
        step.id,
        step.cost,
      ] as never,
    );
  }
  // The step as a campaign, so the distribution diagnosis can name it and cost it.
  const has = (
    await conn.runAndReadAll(`SELECT count(*) FROM campaigns WHERE campaign_id = $1`, [step.id])
  ).getRows()[0][0];
  if (Number(has) === 0) {
    await conn.run(`INSERT INTO campaigns VALUES ($1, $2, $3, $4::TIMESTAMP, NULL)`, [
      step.id,
      step.name,
      step.channel,
      `${runDate} 09:00:00`,
    ]);
  }
}
