// End to end (real DuckDB, real files): report titles above the header, wide ad-spend sheets,
// leading zeros and mixed encodings, as a shop owner's files come, with no flags.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { importFixture, rows, TempStores } from '../../test/fixtures/import/kit.js';
import { ImportError } from './errors.js';
import { dryRunReport, errorReport, sourceLine } from './report.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

async function xlsx(
  name: string,
  rowsIn: (ExcelJS.CellValue | null)[][],
  style: (ws: ExcelJS.Worksheet) => void = () => {},
  sheet = '広告費',
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rowsIn.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v;
    }),
  );
  style(ws);
  const file = stores.path(name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('report titles above the header', () => {
  test('a CSV orders report with a title imports with no flag; rows are the file lines', async () => {
    await stores.with(async (store) => {
      const file = stores.path('titled-orders.csv');
      await writeFile(
        file,
        iconv.encode(
          [
            '受注一覧レポート,,,',
            ',,,',
            '出力日：2024/05/01,,,',
            '受注番号,顧客ID,受注日,金額',
            'A001,C001,2024/1/5,1200',
            'A002,C002,2024/1/6,abc',
          ].join('\r\n') + '\r\n',
          'cp932',
        ),
      );
      const bad = await importFixture(store, 'orders', file);
      assert.equal(bad.ok, false);
      assert.equal(bad.headerRow, 4);
      assert.deepEqual(
        bad.validation.errors.map((e) => [e.row, e.column]),
        [[6, '金額']],
      );
      await writeFile(
        file,
        iconv.encode(
          '受注一覧レポート,,,\r\n,,,\r\n出力日：2024/05/01,,,\r\n受注番号,顧客ID,受注日,金額\r\nA001,C001,2024/1/5,1200\r\n',
          'cp932',
        ),
      );
      const r = await importFixture(store, 'orders', file);
      assert.equal(r.ok, true);
      assert.equal(r.headerRow, 4);
      assert.equal(r.headerDetected, true);
      assert.match(
        sourceLine(r),
        /見出し行: 4 行目（自動検出） \/ header row: 4 \(found below the title\)/,
      );
      assert.deepEqual(await rows(store, `SELECT order_id, CAST(amount AS INT) AS a FROM orders`), [
        { order_id: 'A001', a: 1200 },
      ]);
    });
  });
});

const WIDE = [
  ['2024年 広告費実績'],
  [],
  ['出力日', '2024/05/01'],
  ['媒体', '2024年1月', '2024年2月', '2024年3月', '合計'],
  ['Google', 120000, 130000, null, 250000],
  ['Meta', 80000, null, 50000, 130000],
  ['LINE', 0, 20000, 30000, 50000],
  ['合計', 200000, 150000, 80000, 430000],
];

describe('wide ad-spend sheets', () => {
  test('.xlsx: months as columns are stored as (month, channel, amount); 合計 is not', async () => {
    await stores.with(async (store) => {
      const file = await xlsx('wide.xlsx', WIDE);
      const r = await importFixture(store, 'ad-spend', file);
      assert.equal(r.ok, true, JSON.stringify(r.validation));
      assert.equal(r.rowsRead, 7);
      assert.equal(r.headerRow, 4);
      assert.equal(r.sheet, '広告費');
      assert.equal(r.wide?.label, '媒体');
      assert.deepEqual(
        await rows(
          store,
          `SELECT strftime(date, '%Y-%m-%d') AS d, channel, CAST(amount AS INT) AS a FROM ad_spend ORDER BY channel, d`,
        ),
        [
          { d: '2024-01-01', channel: 'Google', a: 120000 },
          { d: '2024-02-01', channel: 'Google', a: 130000 },
          { d: '2024-01-01', channel: 'LINE', a: 0 },
          { d: '2024-02-01', channel: 'LINE', a: 20000 },
          { d: '2024-03-01', channel: 'LINE', a: 30000 },
          { d: '2024-01-01', channel: 'Meta', a: 80000 },
          { d: '2024-03-01', channel: 'Meta', a: 50000 },
        ],
      );
      // The total column and row would have doubled the spend: Σ is the sum of the month cells.
      assert.deepEqual(await rows(store, `SELECT CAST(sum(amount) AS INT) AS s FROM ad_spend`), [
        { s: 430000 },
      ]);
      const line = sourceLine(r);
      assert.match(line, /header row: 4/);
      assert.match(line, /sheet: 広告費/);
      assert.match(line, /媒体 × 3/);
      const again = await importFixture(store, 'ad-spend', file);
      assert.equal(again.tables[0].unchanged, 7);
    });
  });

  test('a bad cell names the sheet row and the month column', async () => {
    await stores.with(async (store) => {
      const bad = WIDE.map((r) => [...r]);
      bad[5][2] = '未確定';
      bad[5][3] = '未確定';
      bad[6][1] = '2万';
      const file = await xlsx('wide-bad.xlsx', bad);
      const r = await importFixture(store, 'ad-spend', file, { dryRun: true });
      assert.equal(r.ok, false);
      // Two cells of one row with the same bad text: each error names its own month column.
      assert.deepEqual(r.validation.errors.map((e) => [e.row, e.column, e.value, e.code]).sort(), [
        [6, '2024年2月', '未確定', 'invalid_number'],
        [6, '2024年3月', '未確定', 'invalid_number'],
        [7, '2024年1月', '2万', 'invalid_number'],
      ]);
      const report = errorReport(r);
      assert.match(report, /行\/row 6, 列\/column「2024年2月」, 値\/value "未確定"/);
      assert.match(dryRunReport(r), /header row: 4/);
      assert.deepEqual(await rows(store, `SELECT count(*)::INT AS n FROM ad_spend`), [{ n: 0 }]);
    });
  });

  test('a CSV wide sheet in Shift_JIS with 2024/01 headers; one channel on two rows adds up', async () => {
    await stores.with(async (store) => {
      const file = stores.path('wide.csv');
      const lines = [
        '広告,2024/01,2024/02,合計',
        'Google広告,"¥1,000",,"1,000"',
        'Google広告,500,600,1100',
        'LINE,未定,200,200',
      ];
      await writeFile(file, iconv.encode(lines.join('\r\n') + '\r\n', 'cp932'));
      const bad = await importFixture(store, 'ad-spend', file);
      assert.equal(bad.ok, false);
      assert.deepEqual(
        bad.validation.errors.map((e) => [e.row, e.column, e.value]),
        [[4, '2024/01', '未定']],
      );
      lines[3] = 'LINE,100,200,300';
      await writeFile(file, iconv.encode(lines.join('\r\n') + '\r\n', 'cp932'));
      const r = await importFixture(store, 'ad-spend', file);
      assert.equal(r.ok, true);
      assert.equal(r.encoding, 'cp932');
      assert.equal(r.wide?.label, '広告');
      // Rows of one (month, channel) are parts of one total, as in a long ad-spend file.
      assert.deepEqual(
        await rows(
          store,
          `SELECT strftime(date, '%Y-%m') AS m, channel, CAST(amount AS INT) AS a FROM ad_spend ORDER BY 2, 1`,
        ),
        [
          { m: '2024-01', channel: 'Google広告', a: 1500 },
          { m: '2024-02', channel: 'Google広告', a: 600 },
          { m: '2024-01', channel: 'LINE', a: 100 },
          { m: '2024-02', channel: 'LINE', a: 200 },
        ],
      );
    });
  });

  test('months without a year stop the import with a message', async () => {
    await stores.with(async (store) => {
      const file = stores.path('noyear.csv');
      await writeFile(file, '媒体,1月,2月\nGoogle,100,200\n');
      await assert.rejects(
        importFixture(store, 'ad-spend', file),
        (e: ImportError) => e.code === 'ambiguous_month',
      );
    });
  });
});

describe('leading zeros', () => {
  test('CSV ids, postal codes and phones are stored as written', async () => {
    await stores.with(async (store) => {
      const file = stores.path('zeros.csv');
      await writeFile(file, '顧客ID,郵便番号,電話番号\n0012345,060-0001,09012345678\n');
      const r = await importFixture(store, 'customers', file);
      assert.equal(r.ok, true);
      assert.deepEqual(await rows(store, `SELECT customer_id, postal_code, phone FROM customers`), [
        { customer_id: '0012345', postal_code: '060-0001', phone: '09012345678' },
      ]);
    });
  });

  test('.xlsx numbers formatted 0000000 / 000-0000 and text cells keep their zeros', async () => {
    await stores.with(async (store) => {
      const file = await xlsx(
        'zeros.xlsx',
        [
          ['顧客ID', '郵便番号', '電話番号'],
          [12345, 600001, '09012345678'],
          ['0000077', 1000001, 312345678],
        ],
        (ws) => {
          ws.getCell('A2').numFmt = '0000000';
          ws.getCell('B2').numFmt = '000-0000';
          ws.getCell('B3').numFmt = '[<=999]000;[<=99999]000-00;000-0000';
          ws.getCell('C3').numFmt = '00-0000-0000';
        },
        '顧客',
      );
      const r = await importFixture(store, 'customers', file);
      assert.equal(r.ok, true);
      assert.deepEqual(
        await rows(store, `SELECT customer_id, postal_code, phone FROM customers ORDER BY 1`),
        [
          { customer_id: '0000077', postal_code: '100-0001', phone: '03-1234-5678' },
          { customer_id: '0012345', postal_code: '060-0001', phone: '09012345678' },
        ],
      );
    });
  });
});

describe('mixed encodings', () => {
  test('a UTF-8 file with a Shift_JIS line past the first 64 KiB names the line', async () => {
    await stores.with(async (store) => {
      const body = ['order_id,customer_id,ordered_at,amount,channel', 'P0,C0,2024-01-05,100,電話'];
      for (let i = 1; i < 4000; i++) body.push(`P${i},C${i},2024-01-05,100,web`);
      const file = stores.path('late-sjis-in-utf8.csv');
      await writeFile(
        file,
        Buffer.concat([
          Buffer.from(body.join('\n') + '\n'),
          iconv.encode('P9999,C9999,2024-01-05,100,店頭\n', 'cp932'),
        ]),
      );
      await assert.rejects(
        importFixture(store, 'orders', file),
        (e: ImportError) =>
          e.code === 'invalid_encoding' &&
          /4002 行目/.test(e.message) &&
          /line 4002/.test(e.message) &&
          e.message.includes('P9999,C9999,2024-01-05,100,店頭'),
      );
    });
  });

  test('a Shift_JIS file with a UTF-8 line past the first 64 KiB names the line', async () => {
    await stores.with(async (store) => {
      const body = ['order_id,customer_id,ordered_at,amount,channel', 'P0,C0,2024-01-05,100,電話'];
      for (let i = 1; i < 4000; i++) body.push(`P${i},C${i},2024-01-05,100,web`);
      const file = stores.path('late-utf8-in-sjis.csv');
      await writeFile(
        file,
        Buffer.concat([
          iconv.encode(body.join('\r\n') + '\r\n', 'cp932'),
          Buffer.from('P9999,C9999,2024-01-05,100,店頭\r\n'),
        ]),
      );
      await assert.rejects(
        importFixture(store, 'orders', file),
        (e: ImportError) =>
          e.code === 'mixed_encoding' &&
          /4002 行目/.test(e.message) &&
          e.message.includes('P9999,C9999,2024-01-05,100,店頭'),
      );
      assert.deepEqual(await rows(store, `SELECT count(*)::INT AS n FROM orders`), [{ n: 0 }]);
    });
  });
});
