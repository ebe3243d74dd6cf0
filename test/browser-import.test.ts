// The import page in Debian's Chromium (playwright-core): a 楽天ペイ受注 export as a shop hands it
// over after editing it (test/fixtures/import-page: 注文日時 renamed 注文日時(JST), two orders on
// hold with the status word 保留) is uploaded, detected as the 楽天 RMS export, and fixed in the
// page — the column of the order time chosen in the mapping, 保留 given a meaning — while the
// import button stays disabled; then imported, and the orders, their statuses and customer keys
// are read back from the database as fixed. Screenshots (1280 and 390 px) go to test-artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openStore, closeStore, type Store } from '../src/store/db.js';
import { startServer, type RunningServer } from '../src/server/start.js';
import { addUser, ensureUserTables } from '../src/store/users-store.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'web');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const FILE = join(ROOT, 'test/fixtures/import-page/rakuten-pay-edited.csv');
const USER = { username: 'tenchou', password: 'tenchou-password-1' };
const skip = existsSync(CHROMIUM)
  ? false
  : `Debian Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;

// Orders of the file (test/fixtures/import-page/make.ts says how it was cut).
const ON_HOLD = ['338240-20230511-10000755', '338240-20230518-10000808'];
const REPEAT = ['338240-20230531-10000914', '338240-20231102-10001497', '338240-20240703-10003193'];

/** Returns the newest modification time under a path (files only). */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/** Builds the dashboard unless web/dist is newer than its sources. */
function ensureBuilt(): void {
  const dist = join(WEB, 'dist', 'index.html');
  const sources = Math.max(newest(join(WEB, 'src')), newest(join(WEB, 'index.html')));
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) return;
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'vite'),
    ['build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

describe('the import page fixes a 楽天 export in the page', { skip }, () => {
  let store: Store;
  // The test's reads use their own connection (the server's runs one request at a time).
  let probe: DuckDBConnection;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const commitEnabled = () => page.isEnabled('[data-testid=import-commit]');
  /** Waits until the dry run of the page's current choices is shown. */
  const planned = () =>
    page.waitForSelector('[data-testid=import-ready][data-checking=false]', { timeout: 60_000 });
  const problems = () =>
    page.$$eval('[data-problem]', (els) =>
      els.map((e) => `${e.getAttribute('data-problem')}:${e.getAttribute('data-blocking')}`),
    );
  const query = async (sql: string) => (await probe.runAndReadAll(sql)).getRows();

  before(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    store = await openStore(':memory:');
    await ensureUserTables(store.conn);
    await addUser(store.conn, USER.username, USER.password, 'analyst');
    server = await startServer({ conn: store.conn, port: 0, host: '127.0.0.1' });
    probe = await store.instance.connect();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'ja-JP',
    });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    probe?.closeSync();
    if (store) closeStore(store);
  });

  test('upload, see the problems, fix them in the page, import; the orders are stored as fixed', async () => {
    // Signed in on the import page itself (an empty store has no checkup for the overview).
    await page.goto(`${server.url}/import`);
    await page.waitForSelector('input[name=username]');
    await page.fill('input[name=username]', USER.username);
    await page.fill('input[name=password]', USER.password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=import-entity]');
    await page.selectOption('[data-testid=import-entity]', 'orders');
    await page.setInputFiles('[data-testid=import-file]', FILE);
    await page.click('[data-testid=import-preview]');
    await page.waitForSelector('[data-testid=import-problems]');
    await planned();

    // The plan as the importer sees it: the 楽天 export, and what stops it.
    assert.match((await page.textContent('[data-testid=import-preset]')) ?? '', /楽天 RMS/);
    assert.match(
      (await page.textContent('[data-testid=import-customer-key]')) ?? '',
      /氏名\+電話番号.*注文者姓/,
    );
    // The renamed column: the order time has no column (or two: 注文日時(JST) and 注文日), and
    // 保留 is not a 楽天 status word. Both block the import.
    const found = await problems();
    assert.equal(found.length, 2, found.join());
    assert.match(found[0], /^(missing_column|ambiguous_column):true$/);
    assert.equal(found[1], 'unknown_status:true');
    // What the page says (the importer's own message is folded away under each problem).
    const said = await page.$$eval('[data-problem] p', (ps) => ps.map((p) => p.textContent));
    assert.match(said[0] ?? '', /注文日時/);
    assert.ok(!said.join().includes('ordered_at'), `field labels, not code names: ${said}`);
    assert.match(said[1] ?? '', /「保留」× 3/);
    assert.equal(await commitEnabled(), false, 'a blocked plan cannot be imported');
    await shot('import-01-problems');

    // The mapping: 注文日時(JST) is the order time (注文日 is a date without the time).
    await page.selectOption('[data-column="注文日時(JST)"]', 'ordered_at');
    await page.waitForFunction(
      () => document.querySelectorAll('[data-problem]').length === 1,
      null,
      {
        timeout: 60_000,
      },
    );
    await planned();
    assert.deepEqual(await problems(), ['unknown_status:true']);
    assert.equal(await commitEnabled(), false, 'the status word still blocks the import');
    assert.equal(await page.inputValue('[data-column="注文日"]'), '-');

    // The status word: 保留 (on hold) is not a sale yet.
    await page.selectOption('[data-status-word="保留"]', 'cancelled');
    await page.waitForFunction(
      () => !document.querySelector('[data-problem=unknown_status]'),
      null,
      {
        timeout: 60_000,
      },
    );
    await planned();
    assert.deepEqual(await problems(), []);
    assert.equal(await page.getAttribute('[data-testid=import-ready]', 'data-ready'), 'true');
    assert.equal(await commitEnabled(), true, 'the fixed plan can be imported');
    // The guest share: two orderers without a phone, of the 17 orders.
    assert.match((await page.textContent('[data-testid=import-guests]')) ?? '', /17 件中 2 件/);
    assert.ok(
      (await page.textContent('[data-testid=import-status-words]'))?.includes('保留'),
      'a word given a meaning stays listed',
    );
    await page.fill('[data-testid=import-save-as]', '楽天RMS');
    await shot('import-02-fixed-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot('import-03-fixed-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.click('[data-testid=import-commit]');
    await page.waitForSelector('[data-testid=import-done]', { timeout: 30_000 });
    await shot('import-04-done');

    // Stored as fixed: every order, 保留 cancelled, the order time with its time of day, the
    // amount the preset chose (合計金額 less the shop's coupons), the orderer's name + phone as key.
    assert.equal(Number((await query(`SELECT count(*) FROM orders`))[0][0]), 17);
    assert.deepEqual(
      await query(
        `SELECT order_id, status FROM orders WHERE order_id IN ('${ON_HOLD.join("','")}') ORDER BY 1`,
      ),
      ON_HOLD.map((id) => [id, 'cancelled']),
    );
    assert.deepEqual(
      await query(
        `SELECT CAST(ordered_at AS VARCHAR), CAST(amount AS INTEGER), customer_id LIKE 'np:佐藤%'
         FROM orders WHERE order_id = '${ON_HOLD[0]}'`,
      ),
      [['2023-05-11 01:44:32', 4060, true]],
    );
    const repeat = await query(
      `SELECT DISTINCT customer_id FROM orders WHERE order_id IN ('${REPEAT.join("','")}')`,
    );
    assert.equal(repeat.length, 1, 'one customer for the three orders of one person');
    assert.match(String(repeat[0][0]), /^np:/);
    assert.deepEqual(
      await query(`SELECT customer_id FROM orders WHERE order_id = '${ON_HOLD[1]}'`),
      [[null]],
      'an orderer without a phone is a guest',
    );
    // The mapping is saved with its status words, for the next export.
    const saved = await query(
      `SELECT mapping, options FROM import_mappings WHERE name = '楽天RMS'`,
    );
    assert.equal(JSON.parse(String(saved[0][0]))['注文日時(JST)'], 'ordered_at');
    assert.deepEqual(JSON.parse(String(saved[0][1])).statusWords, { 保留: 'cancelled' });
    assert.deepEqual(consoleErrors, []);
  });
});
