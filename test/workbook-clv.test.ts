// The workbook's customer-value sheet against the stored report: the models, the check, the
// forecast and high value at risk read back from the .xlsx equal the report's clv section, in
// Japanese without code names and in English; a too-few report shows its reason, a report
// stored before the section says "not computed".
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { D, simulatedOrders } from './fixtures/clv-business.js';
import { computeCheckup, loadCheckup, storeCheckup } from '../src/checkup/run.js';
import { parseSettings } from '../src/domain/settings.js';
import { writeWorkbook, type WorkbookReport } from '../src/outputs/workbook/index.js';
import { label } from '../src/outputs/workbook/labels.js';
import { parseReport } from '../src/report/index.js';
import { closeStore, type Store } from '../src/store/db.js';
import { insertOrders, memoryStore } from '../src/store/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kenshin-wb-clv-'));
let store: Store;
let report: WorkbookReport;

before(async () => {
  store = await memoryStore();
  await insertOrders(store.conn, simulatedOrders(1500, 7));
  await storeCheckup(store.conn, await computeCheckup(store.conn, parseSettings({}), D));
  report = (await loadCheckup(store.conn, D))!;
});

after(() => {
  closeStore(store);
  rmSync(dir, { recursive: true, force: true });
});

/** Writes the workbook of `r` and returns its customer-value sheet. */
async function sheetOf(r: WorkbookReport, lang: 'ja' | 'en' = 'ja'): Promise<ExcelJS.Worksheet> {
  const file = join(dir, `${lang}-${r.report_version}-${r.clv?.status ?? 'none'}.xlsx`);
  await writeWorkbook(r, file, { lang, charts: false });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(lang === 'ja' ? '顧客生涯価値' : 'Customer value');
  assert.ok(ws, wb.worksheets.map((w) => w.name).join(', '));
  return ws;
}

/** Returns the value beside the first cell equal to `label` (from row `from`). */
function valueOf(ws: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Cell {
  for (let r = from; r <= ws.rowCount; r++)
    if (ws.getCell(r, 1).value === label) return ws.getCell(r, 2);
  throw new Error(`no row "${label}" in ${ws.name}`);
}

/** Returns the row number of the first cell equal to `text` in column `col`. */
function rowNo(ws: ExcelJS.Worksheet, text: string, col = 1): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, col).value === text) return r;
  throw new Error(`no "${text}" in ${ws.name}`);
}

test('the sheet holds the clv section’s numbers, in Japanese, no code names', async () => {
  const c = report.clv!;
  assert.equal(c.status, 'fitted');
  const ws = await sheetOf(report);
  assert.equal(valueOf(ws, '購買モデル').value, 'BG/NBD');
  assert.equal(valueOf(ws, 'リピート購入者').value, c.repeat_buyers);
  for (const [k, v] of Object.entries(c.purchase!.params)) {
    const cell = valueOf(ws, k, rowNo(ws, '購買モデル: BG/NBD'));
    assert.equal(cell.value, v, k);
    assert.equal(ws.getCell(cell.row, 3).value, c.purchase!.standard_errors[k], `${k} se`);
  }
  const spendAt = rowNo(ws, '購買単価モデル(ガンマ・ガンマ)');
  assert.equal(valueOf(ws, 'gamma', spendAt).value, c.spend!.params.gamma);
  const err = valueOf(ws, '合計の誤差(相対)');
  assert.equal(err.value, c.holdout!.aggregate_error);
  assert.equal(err.numFmt, '0.0%');
  assert.equal(valueOf(ws, '実績購入').value, c.holdout!.actual_purchases);
  // The tracking series: one row a week, the last equal to the check's totals.
  // (the weekly series and the deciles stand beside the rest, from column 5: one printed page)
  const head = rowNo(ws, '週', 5);
  assert.equal(ws.getCell(head + 26, 5).value, 26);
  assert.equal(ws.getCell(head + 26, 6).value, c.holdout!.actual_purchases);
  const v365 = valueOf(ws, '365日の予測価値');
  assert.equal(v365.value, Math.round(c.forecast!.value_365!));
  assert.equal(v365.numFmt, '"¥"#,##0');
  const risk = c.high_value_at_risk!;
  assert.equal(valueOf(ws, 'CLV上位10%の顧客数').value, risk.top_decile_customers);
  assert.equal(valueOf(ws, '離脱が心配な高価値顧客').value, risk.customers);
  assert.equal(valueOf(ws, 'その予測価値(365日)').value, Math.round(risk.clv_365));
  // Deciles: ten rows, the CLV column from clv_365, the P(alive) column from p_alive.
  const dec = rowNo(ws, '十分位', 5);
  for (let k = 1; k <= 10; k++) {
    assert.equal(ws.getCell(dec + k, 5).value, k);
    assert.equal(ws.getCell(dec + k, 7).value, c.distribution!.p_alive[k - 1].mean);
    assert.equal(ws.getCell(dec + k, 9).value, Math.round(c.distribution!.clv_365![k - 1].total));
  }
  const code = /\b[a-z]+(_[a-z0-9]+)+\b/;
  const found: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (typeof cell.value === 'string' && code.test(cell.value)) found.push(cell.value);
    }),
  );
  assert.deepEqual(found, []);
});

test('the English sheet names the same numbers in English', async () => {
  const ws = await sheetOf(report, 'en');
  assert.equal(valueOf(ws, 'Repeat buyers').value, report.clv!.repeat_buyers);
  assert.equal(valueOf(ws, 'High value at risk').value, report.clv!.high_value_at_risk!.customers);
});

test('too few to judge: the reason; a report from before the section: not computed', async () => {
  const fixture = (v: number) =>
    readFileSync(new URL(`../src/report/fixtures/report-v${v}.json`, import.meta.url), 'utf8');
  const few = parseReport(fixture(3));
  assert.equal(few.clv?.status, 'too_few');
  const ws = await sheetOf(few);
  const at = rowNo(ws, 'データが少ないためモデルを当てはめていません');
  assert.match(String(ws.getCell(at + 1, 1).value), /判断するには少なすぎます: 顧客 30 人/);
  const old = parseReport(fixture(2));
  assert.equal(old.clv, null);
  const none = await sheetOf(old);
  assert.ok(rowNo(none, label('not_computed', 'ja')) > 0);
});
