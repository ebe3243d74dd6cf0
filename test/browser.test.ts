// The dashboard end to end in Debian's Chromium (playwright-core): a seeded business with a
// stored checkup, the server on a random loopback port, then a person's path — sign in, read
// the overview (its active-customer number must equal the stored report's), open every page
// without a console error, switch to English, import a file, export a segment, and see that a
// viewer gets no personal data; every page passes axe-core (no serious or critical violation) in
// Japanese and English at 1280 and 390 px, and the phone layout's menu works. Screenshots go to
// test-artifacts/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { openStore, closeStore, type Store } from '../src/store/db.js';
import type { DuckDBConnection } from '@duckdb/node-api';
import { startServer, type RunningServer } from '../src/server/start.js';
import { seedSampleBusiness } from '../src/server/testing.js';
import { addUser, ensureUserTables } from '../src/store/users-store.js';
import { listAudit } from '../src/store/audit-store.js';
import type { CheckupReport } from '../src/checkup/report.js';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'web');
const ARTIFACTS = join(ROOT, 'test-artifacts');
const ADMIN = { username: 'owner', password: 'owner-password-1' };
const VIEWER = { username: 'staff', password: 'staff-password-1' };
const skip = existsSync(CHROMIUM)
  ? false
  : `Debian Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;

/** Returns the newest modification time under a path (files only). */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

/** Builds the dashboard unless web/dist is newer than its sources. */
function ensureBuilt(): void {
  const dist = join(WEB, 'dist', 'index.html');
  const sources = Math.max(
    newest(join(WEB, 'src')),
    newest(join(WEB, 'index.html')),
    newest(join(WEB, 'vite.config.ts')),
    newest(join(WEB, 'report-catalogue.ts')),
    // The field catalogue is written into the bundle from the report contract.
    newest(join(ROOT, 'src', 'report')),
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) return;
  execFileSync(
    join(ROOT, 'node_modules', '.bin', 'vite'),
    ['build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

describe('dashboard in Chromium', { skip }, () => {
  let store: Store;
  // The test's own reads use a second connection: the server's connection runs one request at a
  // time through its gate, and a statement from outside the gate while the page is loading could
  // interleave with the server's on the same connection.
  let probe: DuckDBConnection;
  let server: RunningServer;
  let report: CheckupReport;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  /** Saves a full-page screenshot as test-artifacts/<name>.png. */
  const shot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  /** Waits until the page has no loading placeholder left. */
  const settled = async () => {
    await page.waitForFunction(
      () => !document.querySelector('.content')?.textContent?.match(/読み込み中|Loading…/),
      null,
      { timeout: 20_000 },
    );
    await page.waitForTimeout(400); // charts finish their first animation frame
  };

  const signIn = async (who: { username: string; password: string }) => {
    await page.goto(server.url + '/');
    await page.waitForSelector('input[name=username]');
    await page.fill('input[name=username]', who.username);
    await page.fill('input[name=password]', who.password);
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=kpi-active]');
  };

  before(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    store = await openStore(':memory:');
    report = await seedSampleBusiness(store.conn);
    await ensureUserTables(store.conn);
    await addUser(store.conn, ADMIN.username, ADMIN.password, 'admin');
    await addUser(store.conn, VIEWER.username, VIEWER.password, 'viewer');
    server = await startServer({ conn: store.conn, port: 0, host: '127.0.0.1' });
    probe = await store.instance.connect();
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
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

  test('the login page, then the overview shows the stored number of active customers', async () => {
    await page.goto(server.url + '/');
    await page.waitForSelector('input[name=username]');
    await shot('01-login');
    await page.fill('input[name=username]', ADMIN.username);
    await page.fill('input[name=password]', 'wrong-password');
    await page.click('[data-testid=login-submit]');
    await page.waitForSelector('[data-testid=login-error]');
    consoleErrors.length = 0; // the refused login is a 401 the browser reports; expected here
    await signIn(ADMIN);
    await settled();
    const shown = await page.textContent('[data-testid=kpi-active]');
    assert.equal(
      Number(shown?.replace(/[^0-9]/g, '')),
      report.metrics.active_customers,
      `overview shows ${shown}`,
    );
    assert.equal(await page.textContent('[data-testid=as-of]'), report.as_of);
    // Guest orders' revenue is in no per-customer number, so the overview shows it on its own.
    const guests = await page.textContent('[data-testid=kpi-unattributed]');
    assert.equal(Number(guests?.replace(/[^0-9]/g, '')), report.metrics.unattributed_revenue);
    const eq = await page.textContent('[data-testid=equation]');
    assert.ok(eq?.includes(report.metrics.active_customers.toLocaleString('ja-JP')));
    await shot('02-overview');
  });

  test('a rate shows its n, and a rate out of too few customers says so instead of a bar', async () => {
    // The retention card names the base the rate is out of.
    const card = await page.$eval(
      '[data-testid=kpi-retention]',
      (e) => e.parentElement?.textContent,
    );
    assert.ok(
      card?.includes(`n=${report.metrics.retention_base.toLocaleString('ja-JP')}`),
      `retention card: ${card}`,
    );
    // The churn breakdown of the sample business has groups below the minimum base: each is
    // written as "too few to judge", never as a percentage.
    const rows = Object.values(report.churn_breakdown).flat();
    const small = rows.filter((x) => x.base > 0 && x.base < report.min_rate_base);
    const judged = rows.filter((x) => x.base >= report.min_rate_base && x.churn_rate !== null);
    assert.ok(small.length > 0 && judged.length > 0, 'the sample has small and large groups');
    await page.goto(server.url + '/diagnosis/customer');
    await settled();
    const tooFew = await page.$$eval('[data-testid=too-few]', (els) =>
      els.map((e) => e.textContent ?? ''),
    );
    assert.equal(tooFew.length, small.length, `too-few cells: ${tooFew.join(' | ')}`);
    for (const t of tooFew) assert.match(t, /^判断するには少なすぎます/);
    await shot('02b-too-few');
  });

  test('every page in the navigation opens without a console error', async () => {
    const links = await page.$$eval('[data-nav]', (as) =>
      as.map((a) => a.getAttribute('data-nav')!),
    );
    assert.ok(links.length >= 14, `navigation has ${links.length} pages`);
    for (const [k, path] of links.entries()) {
      await page.click(`[data-nav="${path}"]`);
      await page.waitForFunction((p) => window.location.pathname === p, path);
      await settled();
      assert.equal(await page.getAttribute('main.content', 'data-page'), path);
      await shot(`03-page-${String(k + 1).padStart(2, '0')}${path.replace(/\//g, '-')}`);
    }
    assert.deepEqual(consoleErrors, []);
  });

  test('the customer value page shows the stored forecast, high value at risk and check', async () => {
    const c = report.clv;
    assert.ok(c && c.status === 'fitted' && c.forecast && c.high_value_at_risk && c.holdout);
    await page.goto(`${server.url}/clv`);
    await settled();
    const digits = async (id: string) =>
      Number((await page.textContent(`[data-testid=${id}]`))?.replace(/[^0-9.]/g, ''));
    assert.equal(await digits('kpi-clv-value-365'), Math.round(c.forecast.value_365!));
    assert.equal(await digits('kpi-clv-value-90'), Math.round(c.forecast.value_90!));
    assert.equal(
      await digits('kpi-clv-purchases-365'),
      Number(c.forecast.purchases_365.toFixed(2)),
    );
    assert.equal(await digits('kpi-clv-at-risk'), c.high_value_at_risk.customers);
    assert.equal(await digits('kpi-clv-at-risk-value'), Math.round(c.high_value_at_risk.clv_365));
    assert.equal(await digits('clv-mae'), Number(c.holdout.mae.toFixed(2)));
    // The decile tables hold one row per decile, the counts as stored.
    const counts = await page.$$eval('[data-testid=clv-deciles-clv] tbody tr', (trs) =>
      trs.map((tr) => Number(tr.children[1].textContent?.replace(/[^0-9]/g, ''))),
    );
    assert.deepEqual(
      counts,
      c.distribution!.clv_365!.map((x) => x.customers),
    );
    // The P(alive) heat map: every stored cell, so its customers add up to the base.
    const cellN = await page.$$eval('[data-testid=clv-p-alive-matrix] td', (tds) =>
      tds.map((td) => Number(td.getAttribute('data-customers'))),
    );
    const matrix = c.distribution!.p_alive_matrix!;
    assert.deepEqual(
      cellN,
      matrix.map((x) => x.customers),
    );
    assert.equal(
      cellN.reduce((a, b) => a + b, 0),
      c.distribution!.customers,
    );
    const main = (await page.textContent('main')) ?? '';
    assert.ok(main.includes('BG/NBD') && !main.includes('bgnbd'), 'the model by its name');
    await shot('13-clv');
    await page.goto(`${server.url}/clv?lang=en`);
    await settled();
    assert.ok((await page.textContent('main'))?.includes('High value at risk'));
    await shot('13-clv-en');
  });

  test('a business too small for the model: the customer value page says too few, nothing else', async () => {
    const small = await openStore(':memory:');
    const smallReport = await seedSampleBusiness(small.conn, 120);
    assert.equal(smallReport.clv?.status, 'too_few');
    await ensureUserTables(small.conn);
    await addUser(small.conn, ADMIN.username, ADMIN.password, 'admin');
    const other = await startServer({ conn: small.conn, port: 0, host: '127.0.0.1' });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const p = await ctx.newPage();
      await p.goto(other.url + '/');
      await p.fill('input[name=username]', ADMIN.username);
      await p.fill('input[name=password]', ADMIN.password);
      await p.click('[data-testid=login-submit]');
      await p.waitForSelector('[data-testid=kpi-active]');
      await p.goto(`${other.url}/clv`);
      await p.waitForSelector('[data-testid=clv-too-few]');
      const words = (await p.textContent('[data-testid=clv-too-few]')) ?? '';
      assert.equal(words, smallReport.clv!.reason!.ja);
      assert.match(words, /^判断するには少なすぎます/);
      assert.equal(await p.$('[data-testid=kpi-clv-value-365]'), null, 'no forecast card');
      assert.equal(await p.$('.chart'), null, 'no chart');
      const main = (await p.textContent('main')) ?? '';
      assert.ok(!main.includes('予測'), `no word of a prediction: ${main}`);
      await p.screenshot({ path: join(ARTIFACTS, '13-clv-too-few.png'), fullPage: true });
    } finally {
      await ctx.close();
      await other.close();
      closeStore(small);
    }
  });

  test('axe-core: no serious or critical violation on any page, ja and en, 1280 and 390 px', async () => {
    const { default: axe } = await import('axe-core');
    const paths = await page.$$eval('[data-nav]', (as) =>
      as.map((a) => a.getAttribute('data-nav')!),
    );
    const found: string[] = [];
    const overflow: string[] = [];
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const lang of ['ja', 'en']) {
        for (const path of paths) {
          await page.goto(`${server.url}${path}${lang === 'en' ? '?lang=en' : ''}`);
          await settled();
          // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') allows it.
          await page.evaluate(axe.source);
          const violations = await page.evaluate(async () => {
            const w = window as unknown as {
              axe: {
                run: (c: Document) => Promise<{
                  violations: {
                    id: string;
                    impact: string | null;
                    nodes: { target: string[] }[];
                  }[];
                }>;
              };
            };
            const r = await w.axe.run(document);
            return r.violations
              .filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map(
                (v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes[0].target.join(' ')}`,
              );
          });
          for (const v of violations) found.push(`${width}px ${lang} ${path}: ${v}`);
          const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
          if (scroll > width) overflow.push(`${width}px ${lang} ${path}: ${scroll}px wide`);
        }
      }
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    assert.ok(paths.length >= 14, `${paths.length} pages checked`);
    assert.deepEqual(found, [], 'axe-core violations');
    assert.deepEqual(overflow, [], 'pages wider than the screen');
  });

  test('on a phone the navigation is a menu: it opens, leads to a page and closes', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(server.url + '/');
    await settled();
    const nav = page.locator('#site-nav');
    assert.equal(await nav.isVisible(), false, 'the navigation is folded away');
    const toggle = page.locator('[data-testid=menu-toggle]');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await nav.isVisible(), true, 'the menu opens');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.click('[data-nav="/diagnosis/purchase"]');
    await page.waitForFunction(() => window.location.pathname === '/diagnosis/purchase');
    await settled();
    assert.equal(await nav.isVisible(), false, 'the menu closes on the way to the page');
    assert.ok(await page.isVisible('[data-testid=kpi-overdue-active]'));
    await shot('12-phone-purchase');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test("a customer's history, with personal data for an admin", async () => {
    await page.goto(`${server.url}/customers?id=C00001`);
    await settled();
    assert.equal(await page.textContent('[data-testid=customer-id]'), 'C00001');
    assert.ok((await page.textContent('main'))?.includes('user1@example.jp'));
    // P(alive) is the stored checkup's, and the page says why in words.
    const stored = await probe.runAndReadAll(
      `SELECT p_alive FROM customer_value WHERE customer_id = 'C00001' AND as_of = $1::DATE`,
      [report.as_of],
    );
    const pAlive = Number(stored.getRows()[0]?.[0]);
    assert.ok(Number.isFinite(pAlive), 'the sample checkup stored customer values');
    assert.equal(
      await page.textContent('[data-testid=customer-p-alive]'),
      `${(pAlive * 100).toFixed(0)}%`,
    );
    assert.match(
      (await page.textContent('[data-testid=p-alive-reason]')) ?? '',
      /^P\(alive\) \d+%: (最後の購入から\d+日|購入は1日だけです)/,
    );
    await shot('04-customer');
  });

  test('the language switch turns the dashboard into English, kept in the URL', async () => {
    await page.goto(server.url + '/');
    await settled();
    await page.click('[data-testid=lang-switch]');
    await page.waitForFunction(
      () => new URL(window.location.href).searchParams.get('lang') === 'en',
    );
    await page.waitForSelector('text=At a glance');
    await settled();
    await shot('05-overview-en');
    await page.click('[data-nav="/five"]');
    await page.waitForSelector('text=Five numbers');
    assert.match(page.url(), /lang=en/, 'the language follows to the next page');
    await page.reload();
    await page.waitForSelector('text=Existing customers');
    await settled();
    await shot('06-five-numbers-en');
    await page.click('[data-testid=lang-switch]');
    await page.waitForFunction(() => !new URL(window.location.href).searchParams.has('lang'));
  });

  test('the simulator runs seed 003 and follows the retention slider', async () => {
    await page.goto(`${server.url}/simulator`);
    await settled();
    await page.waitForSelector('[data-testid=year5-revenue]');
    const at70 = Number(
      (await page.textContent('[data-testid=year5-revenue]'))!.replace(/[^0-9]/g, ''),
    );
    assert.ok(at70 > 9e9 && at70 < 11e9, `about ¥10 billion in year 5 at 70 %: ${at70}`);
    await page.click('text=93%');
    await page.waitForFunction(
      () => new URL(window.location.href).searchParams.get('r') === '0.93',
    );
    await page.waitForFunction(
      (v) =>
        Number(
          document
            .querySelector('[data-testid=year5-revenue]')!
            .textContent!.replace(/[^0-9]/g, ''),
        ) > v,
      at70,
    );
    await settled();
    await shot('07-simulator-93');
  });

  test('upload a file, see the detected mapping and first rows, import it', async () => {
    const dir = join(tmpdir(), `kenshin-browser-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '顧客一覧.csv');
    writeFileSync(
      file,
      '\uFEFF顧客ID,氏名,メールアドレス,都道府県\r\nW001,山田 花子,hanako@example.jp,東京都\r\nW002,田中 一郎,ichiro@example.jp,大阪府\r\n',
    );
    await page.goto(`${server.url}/import`);
    await settled();
    await page.selectOption('[data-testid=import-entity]', 'customers');
    await page.setInputFiles('[data-testid=import-file]', file);
    await page.click('[data-testid=import-preview]');
    await page.waitForSelector('[data-testid=import-mapping]');
    const mapping = await page.textContent('[data-testid=import-mapping]');
    assert.ok(
      mapping?.includes('顧客ID') && mapping.includes('customer_id') && mapping.includes('email'),
    );
    assert.ok((await page.textContent('[data-testid=import-rows]'))?.includes('W001'));
    await shot('08-import-preview');
    await page.click('[data-testid=import-commit]');
    await page.waitForSelector('[data-testid=import-done]');
    await shot('09-import-done');
    const stored = (
      await probe.runAndReadAll(
        `SELECT count(*) FROM customers WHERE customer_id IN ('W001', 'W002')`,
      )
    ).getRows();
    assert.equal(Number(stored[0][0]), 2);
  });

  test('export a live segment as CSV; the export is audit-logged', async () => {
    await page.goto(`${server.url}/segments`);
    await settled();
    await page.waitForSelector('[data-export="ladder:loyal"]');
    await shot('10-segments');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-export="ladder:loyal"]'),
    ]);
    const path = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(path);
    const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    assert.equal(lines[0].split(',')[0], '顧客ID');
    assert.ok(lines.length > 1, 'members are listed');
    await page.waitForSelector('[data-testid=export-status]');
    const audit = await listAudit(probe, { action: 'export' });
    assert.ok(
      audit.some((e) => e.actor === ADMIN.username && e.detail?.segment === 'ladder:loyal'),
    );
  });

  test('save a segment in the page, rename it and delete it', async () => {
    const errorsBefore = consoleErrors.length;
    await page.goto(`${server.url}/segments`);
    await settled();
    const form = page.locator('[data-testid=new-segment]');
    await form.locator('input[name=name]').fill('戻りそうな顧客');
    await form.locator('select[name=from]').selectOption(['ladder:repeat', 'ladder:loyal']);
    await form.locator('input[name=min_p_alive]').fill('0.5');
    await form.locator('button[type=submit]').click();
    const row = page.locator('tr', { has: page.locator('[data-rename="戻りそうな顧客"]') });
    await row.waitFor();
    // The definition in words, and the count the API gives for it.
    const text = await row.innerText();
    assert.match(text, /リピート客・常連客のうち、顧客でいる確率0\.5以上/);
    const api = await page.evaluate(async () => {
      const r = await fetch('/api/segments');
      return ((await r.json()) as { segments: { name: string; count: number }[] }).segments;
    });
    const count = api.find((s) => s.name === '戻りそうな顧客')!.count;
    assert.ok(text.includes(count.toLocaleString('ja-JP')), `${text} / ${count}`);
    // Exported from the page: its members, each with the P(alive) it was chosen on.
    assert.ok(count > 0, 'the sample has repeat customers likely to come back');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-export="戻りそうな顧客"]'),
    ]);
    const csvPath = join(ARTIFACTS, 'p-alive-segment.csv');
    await download.saveAs(csvPath);
    const lines = readFileSync(csvPath, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines.length - 1, count, 'one line per member');
    const head = lines[0].split(',');
    const pCol = head.findIndex((h) => h.includes('P(alive)'));
    assert.ok(pCol >= 0, `a P(alive) column: ${lines[0]}`);
    for (const l of lines.slice(1)) assert.ok(Number(l.split(',')[pCol]) >= 0.5, l);
    await page.waitForSelector('[data-testid=export-status]');
    // Saving the same name again is refused in the page (saving would replace it).
    await form.locator('input[name=name]').fill('戻りそうな顧客');
    await form.locator('button[type=submit]').click();
    await form.locator('.form-error').waitFor();
    await form.locator('input[name=name]').fill('');
    page.once('dialog', (d) => void d.accept('離反しそうにない顧客'));
    await page.click('[data-rename="戻りそうな顧客"]');
    await page.waitForSelector('[data-rename="離反しそうにない顧客"]');
    assert.equal(await page.locator('[data-rename="戻りそうな顧客"]').count(), 0);
    const audit = await listAudit(probe, { action: 'segment_rename' });
    assert.ok(audit.some((e) => e.detail?.to === '離反しそうにない顧客'));
    page.once('dialog', (d) => void d.accept());
    await page.click('[data-delete="離反しそうにない顧客"]');
    await page.waitForSelector('[data-delete="離反しそうにない顧客"]', { state: 'detached' });
    assert.deepEqual(consoleErrors.slice(errorsBefore), []);
  });

  test('a viewer sees the numbers but no personal data, and no admin pages', async () => {
    await page.click('[data-testid=sign-out]');
    await page.waitForSelector('input[name=username]');
    await signIn(VIEWER);
    await settled();
    const nav = await page.$$eval('[data-nav]', (as) => as.map((a) => a.getAttribute('data-nav')));
    assert.ok(!nav.includes('/users') && !nav.includes('/import'));
    await page.goto(`${server.url}/customers?id=C00001`);
    await settled();
    const main = (await page.textContent('main')) ?? '';
    assert.ok(
      !main.includes('@example.jp') && !main.includes('090-'),
      'no e-mail or phone for a viewer',
    );
    await shot('11-customer-viewer');
    assert.deepEqual(consoleErrors, []);
  });

  test("a refusal is said in the user's words, without a retry button", async () => {
    // Still signed in as the viewer: the users page asks for the admin-only list (403).
    await page.goto(`${server.url}/users`);
    await page.waitForSelector('[data-error-code=forbidden]');
    const box = (await page.textContent('[data-error-code=forbidden]')) ?? '';
    assert.match(box, /権限がありません/);
    assert.ok(!box.includes('forbidden'), `no code in the message: ${box}`);
    assert.equal(await page.$('[data-testid=retry]'), null, 'no retry on a 403');
    consoleErrors.length = 0; // the browser reports the refused request; expected here
  });

  test('English counts one checkup as "1 checkup"', async () => {
    const stored = Number(
      (await probe.runAndReadAll('SELECT count(*) FROM checkups')).getRows()[0][0],
    );
    await page.goto(`${server.url}/findings?lang=en`);
    await settled();
    const lead = (await page.textContent('.page-head .lead')) ?? '';
    assert.ok(lead.includes(stored === 1 ? '1 checkup' : `${stored} checkups`), lead);
    assert.ok(!/\b1 checkups\b/.test(lead), lead);
  });
});
