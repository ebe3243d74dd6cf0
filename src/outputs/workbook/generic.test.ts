import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { fmtOfKey, writeSection } from './generic.js';
import { newContext } from './style.js';

test('a field gets its format from its SPEC name', () => {
  assert.equal(fmtOfKey('retention_rate', 0.5), 'pct');
  assert.equal(fmtOfKey('top10_share', 0.5), 'pct');
  assert.equal(fmtOfKey('unrecovered_cost', 12000), 'money');
  assert.equal(fmtOfKey('cpa', 3000), 'money');
  assert.equal(fmtOfKey('contacts_per_active', 3), 'dec2');
  assert.equal(fmtOfKey('customers', 120), 'int');
  assert.equal(fmtOfKey('channel', 'web'), 'text');
});

test('an unknown section is written as labelled values and tables, numbers kept exact', () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('x');
  const ctx = newContext('ja', 'JPY', false);
  const section = {
    cpa: 4500.5,
    customers: 120,
    by_channel: [
      {
        channel: 'web',
        customers: 80,
        unrecovered_cost: 120000,
        recovered: { customers: 20, share: 0.25 },
      },
      {
        channel: 'sns',
        customers: 40,
        unrecovered_cost: 0,
        recovered: { customers: 10, share: 0.25 },
      },
    ],
  };
  const next = writeSection(ws, ctx, section, 1);
  assert.deepEqual(
    [ws.getCell(1, 1).value, ws.getCell(1, 2).value, ws.getCell(1, 2).numFmt],
    ['獲得単価(CPA)', 4500.5, '"¥"#,##0'],
  );
  assert.deepEqual([ws.getCell(2, 1).value, ws.getCell(2, 2).value], ['顧客数', 120]);
  // Heading, then a header row with the nested object flattened, then the rows.
  assert.equal(ws.getCell(4, 1).value, '獲得チャネル別');
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((c) => ws.getCell(5, c).value),
    ['チャネル', '顧客数', '未回収の獲得費用', '回収済み / 顧客数', '回収済み / share'],
  );
  assert.deepEqual(
    [1, 2, 3, 4, 5].map((c) => ws.getCell(6, c).value),
    ['web', 80, 120000, 20, 0.25],
  );
  assert.equal(ws.getCell(6, 5).numFmt, '0.0%');
  assert.ok(next > 7);
});
