// The check every preset's test makes: import its fixture with no flags into a fresh database,
// see that the preset was detected, and compare the core figures (SPEC §3) with the answers its
// fixture generator computed on its own (expected.json beside the fixture).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeStore, openStore, queryJson, type Store } from '../../store/db.js';
import { coreMetrics } from '../../store/metrics/core.js';
import { loadSettings } from '../../store/settings-store.js';
import type { EntityName } from '../entities.js';
import { importFile, type ImportRequest, type ImportResult } from '../import.js';

/** The answers a fixture generator writes to expected.json (computed without kenshin). */
export interface ExpectedCore {
  /** The as-of date D of the figures. */
  as_of: string;
  active_customers: number;
  annual_revenue: number;
  unattributed_revenue: number;
  retention_base: number;
  retention_retained: number;
  /** Stored orders by status, when the file holds orders. */
  orders?: { completed: number; cancelled: number; returned: number };
  /** Stored contacts, when the file holds contacts. */
  contacts?: number;
  /** Rows the preset skips (shipping/fee rows, cash-drawer rows, failed sends). */
  skipped_rows?: number;
}

/** Reads expected.json beside a fixture. */
export function readExpected(path: string): ExpectedCore {
  return JSON.parse(readFileSync(path, 'utf8')) as ExpectedCore;
}

/** Runs `fn` with a fresh database file in a temporary directory, removed afterwards. */
export async function withFreshStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-preset-'));
  const store = await openStore(join(dir, 'p.duckdb'));
  try {
    return await fn(store);
  } finally {
    closeStore(store);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Imports files with no flags (each [entity, path]) and returns their results; fails the test on a refusal. */
export async function importAll(
  store: Store,
  files: [EntityName, string][],
  extra: Partial<ImportRequest> = {},
): Promise<ImportResult[]> {
  const out: ImportResult[] = [];
  for (const [entity, file] of files) {
    const r = await importFile(store.conn, { entity, file, ...extra });
    assert.equal(r.ok, true, `${file}: ${JSON.stringify(r.validation.errors.slice(0, 3))}`);
    out.push(r);
  }
  return out;
}

/** Asserts the core figures as of expected.as_of, and the order and contact counts when given. */
export async function assertCore(store: Store, expected: ExpectedCore): Promise<void> {
  const settings = await loadSettings(store.conn);
  const m = await coreMetrics({ conn: store.conn, asOf: expected.as_of, settings });
  assert.deepEqual(
    {
      active_customers: m.active_customers,
      annual_revenue: m.annual_revenue,
      unattributed_revenue: m.unattributed_revenue,
      retention_base: m.retention_base,
      retention_retained: m.retention_retained,
    },
    {
      active_customers: expected.active_customers,
      annual_revenue: expected.annual_revenue,
      unattributed_revenue: expected.unattributed_revenue,
      retention_base: expected.retention_base,
      retention_retained: expected.retention_retained,
    },
  );
  if (expected.orders) {
    const rows = await queryJson(
      store.conn,
      `SELECT status, count(*)::INTEGER AS n FROM orders GROUP BY status`,
    );
    const by = Object.fromEntries(rows.map((r) => [String(r.status), Number(r.n)]));
    assert.deepEqual(
      { completed: by.completed ?? 0, cancelled: by.cancelled ?? 0, returned: by.returned ?? 0 },
      expected.orders,
    );
  }
  if (expected.contacts !== undefined) {
    const [r] = await queryJson(store.conn, `SELECT count(*)::INTEGER AS n FROM contacts`);
    assert.equal(Number(r.n), expected.contacts);
  }
}
