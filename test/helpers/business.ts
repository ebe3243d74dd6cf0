// A generated business loaded through the real importer into a fresh database file, with its
// checkup computed and stored — the setting of the end-to-end metric and diagnosis tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/db.js';
import { loadDemo } from '../../src/jobs/demo.js';
import { computeCheckup, lastOrderDate, storeCheckup } from '../../src/checkup/run.js';
import { loadSettings } from '../../src/store/settings-store.js';
import type { CheckupReport } from '../../src/checkup/report.js';
import type { ScenarioName } from '../../src/demo/scenario.js';

export interface Business {
  store: Store;
  dir: string;
  report: CheckupReport;
}

/** Returns a loaded business of `customers` customers under a scenario, with its checkup at the last order date. */
export async function generatedBusiness(
  scenario: ScenarioName,
  customers = 3000,
  seed = 11,
): Promise<Business> {
  const dir = mkdtempSync(join(tmpdir(), `kenshin-${scenario}-`));
  const store = await openStore(join(dir, 'k.duckdb'));
  await loadDemo(store.conn, { dir: join(dir, 'data'), customers, seed, scenario });
  const asOf = (await lastOrderDate(store.conn))!;
  const report = await computeCheckup(store.conn, await loadSettings(store.conn), asOf);
  await storeCheckup(store.conn, report);
  return { store, dir, report };
}
