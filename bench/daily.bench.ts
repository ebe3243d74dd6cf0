// Benchmark of the daily job (checkup, workbook, alerts) on a synthetic business, three ways:
// without an alert channel, with a real local SMTP server and webhook receiver that answer,
// and with both hanging (they accept the connection and never answer). Alert delivery must
// not hold the job: the hanging run may cost at most settings.alerts.send_timeout_seconds
// more, and its alerts wait in the outbox. Run: node --import tsx bench/daily.bench.ts [customers]
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeStore, openStore } from '../src/store/db.js';
import { saveSettings } from '../src/store/settings-store.js';
import { listOutbox } from '../src/store/alerts-store.js';
import { runDaily } from '../src/jobs/daily.js';
import { fillSynthetic } from './synthetic.js';
import { startHanging, startSmtp, startWebhook } from '../test/fixtures/receivers.js';

const AS_OF = '2026-10-31';

/** Runs the daily job once on a fresh copy of `base` with `alerts`; returns its seconds and what the alerts did. */
async function once(base: string, dir: string, name: string, alerts: Record<string, unknown>) {
  const path = join(dir, `${name}.duckdb`);
  copyFileSync(base, path);
  const store = await openStore(path);
  try {
    await saveSettings(store.conn, { business_name: 'bench', alerts });
    const t0 = performance.now();
    const res = await runDaily(store.conn, {
      asOf: AS_OF,
      archive: join(dir, name),
      digest: true,
      env: {},
    });
    const seconds = (performance.now() - t0) / 1000;
    const pending = (await listOutbox(store.conn)).filter((o) => o.status === 'pending').length;
    return {
      seconds,
      workbook: res.workbook?.seconds ?? 0,
      deliveries:
        res.alerts.deliveries
          .map((d) => `${d.channel} ${d.ok ? 'sent' : `failed (${d.detail})`}`)
          .join(', ') || 'none',
      pending,
    };
  } finally {
    closeStore(store);
  }
}

/** Returns the daily job's seconds without alerts, with answering receivers and with hanging ones. */
export async function benchDaily(customers = 20_000): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'kenshin-bench-daily-'));
  const base = join(dir, 'base.duckdb');
  const smtp = await startSmtp();
  const hook = await startWebhook();
  const hang = await startHanging();
  try {
    const store = await openStore(base);
    await fillSynthetic(
      store.conn,
      { customers, ordersPerCustomer: 6, contactsPerCustomer: 10 },
      AS_OF,
    );
    closeStore(store);
    const timeout = 10;
    const target = {
      email_to: ['owner@example.jp'],
      smtp_host: '127.0.0.1',
      send_timeout_seconds: timeout,
    };
    // A first run warms the caches (fonts, DuckDB extensions) so the three compare like for like.
    await once(base, dir, 'warm', {});
    const none = await once(base, dir, 'none', {});
    const ok = await once(base, dir, 'ok', {
      ...target,
      smtp_port: smtp.port,
      webhook_url: hook.url,
    });
    const hung = await once(base, dir, 'hang', {
      ...target,
      smtp_port: hang.port,
      webhook_url: hang.url,
    });
    const out = {
      customers,
      no_alerts_s: +none.seconds.toFixed(2),
      answering_receivers_s: +ok.seconds.toFixed(2),
      answering_deliveries: ok.deliveries,
      hanging_receivers_s: +hung.seconds.toFixed(2),
      hanging_deliveries: hung.deliveries,
      hanging_pending_in_outbox: hung.pending,
      hanging_extra_s: +(hung.seconds - ok.seconds).toFixed(2),
      send_timeout_seconds: timeout,
      workbook_s: +none.workbook.toFixed(2),
      mails_received: smtp.mails.length,
      webhooks_received: hook.bodies.length,
    };
    console.log(JSON.stringify(out));
    return out;
  } finally {
    await smtp.close();
    await hook.close();
    await hang.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2]);
  await benchDaily(Number.isFinite(n) && n > 0 ? n : undefined);
}
