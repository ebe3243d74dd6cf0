// The shapes files come in before any mapping: report titles above the header (CSV and .xlsx),
// ad spend kept wide (months as columns), numbers Excel shows with leading zeros, and files
// that mix two encodings. Real files in a temporary directory; prepareSource only (no DuckDB).
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { ImportError } from './errors.js';
import { findHeaderRow } from './header-row.js';
import { LineEncodingScanner } from './mixed-encoding.js';
import { prepareSource } from './source.js';
import { monthOfHeader } from './wide.js';
import { formatNumber } from './xlsx.js';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kenshin-shapes-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});
const path = (name: string) => join(dir, name);

/** Writes an .xlsx whose rows are given as arrays (null = no cell); `style` sets cells' number formats. */
async function xlsx(
  name: string,
  rows: (ExcelJS.CellValue | null)[][],
  style: (sheet: ExcelJS.Worksheet) => void = () => {},
  sheetName = 'Sheet1',
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v !== null) ws.getCell(i + 1, j + 1).value = v;
    }),
  );
  style(ws);
  await wb.xlsx.writeFile(path(name));
  return path(name);
}

const TITLED_CSV = [
  '受注一覧レポート,,,',
  ',,,',
  '出力日：2024/05/01,,,',
  '受注番号,顧客ID,受注日,金額',
  'A001,C001,2024/1/5,1200',
  'A002,C002,2024/1/6,"1,500"',
].join('\r\n');

describe('the header row below a report title', () => {
  test('CSV: title, blank line and 出力日 above the header are found and skipped', async () => {
    await writeFile(path('titled.csv'), TITLED_CSV + '\r\n');
    const s = await prepareSource(path('titled.csv'));
    try {
      assert.deepEqual(s.headers, ['受注番号', '顧客ID', '受注日', '金額']);
      assert.equal(s.headerRow, 4);
      assert.equal(s.headerDetected, true);
      assert.equal(s.csvSkip, 3);
    } finally {
      await s.cleanup();
    }
  });

  test('CSV in Shift_JIS with a two-cell 出力日 line is found too', async () => {
    const text = '受注一覧\r\n\r\n出力日,2024/05/01\r\n受注番号,受注日,金額\r\nA1,2024/1/5,100\r\n';
    await writeFile(path('titled-sjis.csv'), iconv.encode(text, 'cp932'));
    const s = await prepareSource(path('titled-sjis.csv'));
    try {
      assert.deepEqual(s.headers, ['受注番号', '受注日', '金額']);
      assert.equal(s.headerRow, 4);
    } finally {
      await s.cleanup();
    }
  });

  test('.xlsx: the header row is found and the sheet row numbers stay', async () => {
    const file = await xlsx('titled.xlsx', [
      ['受注一覧レポート'],
      [],
      ['出力日', new Date(Date.UTC(2024, 4, 1))],
      ['受注番号', '顧客ID', '受注日', '金額'],
      ['A001', 'C001', new Date(Date.UTC(2024, 0, 5)), 1200],
      ['A002', 'C002', new Date(Date.UTC(2024, 0, 6)), 1500],
    ]);
    const s = await prepareSource(file);
    try {
      assert.deepEqual(s.headers, ['受注番号', '顧客ID', '受注日', '金額']);
      assert.equal(s.headerRow, 4);
      assert.equal(s.headerDetected, true);
      assert.equal(s.sheet, 'Sheet1');
      const lines = (await readFile(s.csvPath, 'utf8')).trimEnd().split('\n');
      assert.equal(lines.length, 3);
      assert.match(lines[1], /^"A001","C001","2024-01-05","1200",5$/);
      assert.deepEqual(s.warnings, []);
    } finally {
      await s.cleanup();
    }
  });

  test('files whose header is on the first line are read as before', async () => {
    const s = await prepareSource(
      join(import.meta.dirname, '../../test/fixtures/import/orders-utf8.csv'),
    );
    assert.equal(s.headerRow, 1);
    assert.equal(s.headerDetected, false);
    assert.equal(s.csvSkip, 0);
    await s.cleanup();
    await writeFile(path('one-column.csv'), 'customer_id\nC1\nC2\n');
    const one = await prepareSource(path('one-column.csv'));
    assert.deepEqual([one.headers, one.headerRow], [['customer_id'], 1]);
    await one.cleanup();
  });

  test('a TSV whose title has no delimiter; a one-column file whose values hold one is not split', async () => {
    await writeFile(
      path('titled.tsv'),
      '受注一覧\n\n受注番号\t受注日\t金額\nA1\t2024/1/5\t100\nA2\t2024/1/6\t200\n',
    );
    const tsv = await prepareSource(path('titled.tsv'));
    assert.deepEqual(
      [tsv.delimiter, tsv.headerRow, tsv.headers],
      ['\t', 3, ['受注番号', '受注日', '金額']],
    );
    await tsv.cleanup();
    await writeFile(path('one-col-semi.csv'), 'name\nYamada;Taro\nSato\n');
    const one = await prepareSource(path('one-col-semi.csv'));
    assert.deepEqual([one.delimiter, one.headerRow, one.headers], [',', 1, ['name']]);
    await one.cleanup();
  });

  test('--skip wins over the guess', async () => {
    await writeFile(path('titled-skip.csv'), TITLED_CSV + '\r\n');
    const s = await prepareSource(path('titled-skip.csv'), { skip: 2 });
    assert.deepEqual(s.headers, ['出力日：2024/05/01', '', '', '']);
    assert.equal(s.headerRow, 3);
    assert.equal(s.headerDetected, false);
    await s.cleanup();
  });

  test('an unsafe guess is an error that names the --skip it suspects', async () => {
    // The title line has three cells: not a title the guess may skip on its own.
    const text = '受注一覧,2024/01/01,2024/01/31\n受注番号,受注日,金額,備考\nA1,2024/1/5,100,x\n';
    await writeFile(path('unsafe.csv'), text);
    await assert.rejects(
      prepareSource(path('unsafe.csv')),
      (e: ImportError) =>
        e.code === 'header_not_found' && /--skip 1/.test(e.message) && /2 行目/.test(e.message),
    );
    const s = await prepareSource(path('unsafe.csv'), { skip: 1 });
    assert.deepEqual(s.headers, ['受注番号', '受注日', '金額', '備考']);
    await s.cleanup();
  });

  test('findHeaderRow: the first line that reads as a header, conservatively', () => {
    const rec = (...rows: string[][]) => rows.map((cells, i) => ({ number: i + 1, cells }));
    assert.equal(findHeaderRow(rec(['a', 'b'], ['1', '2'])).index, 0);
    // A data row of plain text below a header that looks odd is never taken for the header.
    assert.equal(findHeaderRow(rec(['id', '2024'], ['C001', '山田'], ['C002', '佐藤'])).index, 0);
    // Nor below a two-column header whose rows have a note right of them (an .xlsx).
    const noted = rec(['顧客ID', '氏名'], ['C001', '山田', 'VIP'], ['C002', '佐藤', '']);
    assert.deepEqual(findHeaderRow(noted), { index: 0, detected: false });
    assert.equal(
      findHeaderRow(rec(['売上レポート 2024年5月'], [], ['日付', '金額'], ['2024/5/1', '100']))
        .index,
      2,
    );
  });
});

describe('wide ad-spend sheets (months as columns)', () => {
  test('month headers: the unambiguous forms and the first day of the month', () => {
    assert.equal(monthOfHeader('2024年1月'), '2024-01-01');
    assert.equal(monthOfHeader('２０２４年１２月'), '2024-12-01');
    assert.equal(monthOfHeader('2024/01'), '2024-01-01');
    assert.equal(monthOfHeader('2024-1'), '2024-01-01');
    assert.equal(monthOfHeader('2024-03-01'), '2024-03-01');
    assert.equal(monthOfHeader('202405'), '2024-05-01');
    assert.equal(monthOfHeader('1月'), 'ambiguous');
    assert.equal(monthOfHeader('媒体'), null);
    assert.equal(monthOfHeader('2024年13月'), null);
    assert.equal(monthOfHeader('2024-03-15'), null);
  });

  test('.xlsx with a title, a 合計 column and a 合計 row becomes (date, channel, amount) rows', async () => {
    const file = await xlsx('wide.xlsx', [
      ['広告費 2024年'],
      [],
      ['媒体', '2024年1月', '2024年2月', new Date(Date.UTC(2024, 2, 1)), '合計'],
      ['Google', 120000, 130000, null, 250000],
      ['Meta', 80000, '', 0, 80000],
      ['合計', 200000, 130000, 0, 330000],
    ]);
    const s = await prepareSource(file, { wide: true });
    try {
      assert.deepEqual(s.headers, ['date', 'channel', 'amount']);
      assert.equal(s.headerRow, 3);
      assert.equal(s.rowColumn, true);
      assert.equal(s.wide?.label, '媒体');
      assert.deepEqual(s.wide?.months, ['2024年1月', '2024年2月', '2024-03-01']);
      assert.deepEqual(s.wide?.skipped, ['合計']);
      assert.equal(s.wide?.totalRows, 1);
      assert.deepEqual((await readFile(s.csvPath, 'utf8')).trimEnd().split('\n'), [
        'date,channel,amount,__row',
        '2024-01-01,"Google","120000",4',
        '2024-02-01,"Google","130000",4',
        '2024-01-01,"Meta","80000",5',
        '2024-03-01,"Meta","0",5',
      ]);
      assert.ok(s.warnings.some((w) => /合計/.test(w) && /not imported/.test(w)));
    } finally {
      await s.cleanup();
    }
  });

  test('CSV wide sheets keep the line numbers; the long file is what DuckDB reads', async () => {
    await writeFile(
      path('wide.csv'),
      iconv.encode('チャネル,2024/01,2024/02\r\nGoogle,"¥1,000",\r\nLINE,500,600\r\n', 'cp932'),
    );
    const s = await prepareSource(path('wide.csv'), { wide: true });
    try {
      assert.deepEqual((await readFile(s.csvPath, 'utf8')).trimEnd().split('\n'), [
        'date,channel,amount,__row',
        // A yen sign in Shift_JIS is 0x5C, a backslash; amounts read it as ¥.
        '2024-01-01,"Google","\\1,000",2',
        '2024-01-01,"LINE","500",3',
        '2024-02-01,"LINE","600",3',
      ]);
    } finally {
      await s.cleanup();
    }
  });

  test('a wide sheet whose corner cell is empty, below a title', async () => {
    const file = await xlsx('wide-corner.xlsx', [
      ['広告費'],
      [null, '2024-01', '2024-02'],
      ['Google', 100, 200],
      ['Yahoo!', 50, null],
    ]);
    const s = await prepareSource(file, { wide: true });
    try {
      assert.equal(s.headerRow, 2);
      assert.equal(s.wide?.label, '');
      assert.deepEqual((await readFile(s.csvPath, 'utf8')).trimEnd().split('\n'), [
        'date,channel,amount,__row',
        '2024-01-01,"Google","100",3',
        '2024-02-01,"Google","200",3',
        '2024-01-01,"Yahoo!","50",4',
      ]);
    } finally {
      await s.cleanup();
    }
  });

  test('months without a year are refused with what to write instead', async () => {
    await writeFile(path('wide-noyear.csv'), '媒体,1月,2月,3月\nGoogle,1,2,3\n');
    await assert.rejects(
      prepareSource(path('wide-noyear.csv'), { wide: true }),
      (e: ImportError) =>
        e.code === 'ambiguous_month' && /1月/.test(e.message) && /2024年1月/.test(e.message),
    );
  });

  test('the same month twice is refused (it would double the spend)', async () => {
    await writeFile(path('wide-twice.csv'), '媒体,2024年1月,2024/01\nGoogle,1,2\n');
    await assert.rejects(
      prepareSource(path('wide-twice.csv'), { wide: true }),
      (e: ImportError) => e.code === 'duplicate_month' && /2024年1月/.test(e.message),
    );
  });

  test('a long ad-spend file is not reshaped', async () => {
    const s = await prepareSource(
      join(import.meta.dirname, '../../test/fixtures/import/ad-spend.csv'),
      {
        wide: true,
      },
    );
    assert.equal(s.wide, undefined);
    assert.deepEqual(s.headers, ['年月', '媒体', '広告費']);
    await s.cleanup();
  });
});

describe('leading zeros in .xlsx', () => {
  test('number formats of zero-padded ids, postal codes and phones', () => {
    assert.equal(formatNumber(12345, '0000000'), '0012345');
    assert.equal(formatNumber(600001, '000-0000'), '060-0001');
    assert.equal(formatNumber(600001, '[<=999]000;[<=99999]000-00;000-0000'), '060-0001');
    assert.equal(formatNumber(9012345678, '000-0000-0000'), '090-1234-5678');
    assert.equal(formatNumber(5, '"K"000'), 'K005');
    // Formats that change the number itself are not applied: the number stays as it is.
    assert.equal(formatNumber(1234.5, '#,##0.00'), null);
    assert.equal(formatNumber(0.25, '0%'), null);
    assert.equal(formatNumber(1234, 'General'), null);
  });

  test('cells come out as Excel shows them, text cells as typed', async () => {
    const file = await xlsx(
      'zeros.xlsx',
      [
        ['顧客ID', '郵便番号', '電話番号', '会員番号'],
        [12345, 600001, 9012345678, '0012345'],
      ],
      (ws) => {
        ws.getCell('A2').numFmt = '0000000';
        ws.getCell('B2').numFmt = '000-0000';
        ws.getCell('C2').numFmt = '000-0000-0000';
        ws.getCell('D2').numFmt = '@';
      },
    );
    const s = await prepareSource(file);
    try {
      const lines = (await readFile(s.csvPath, 'utf8')).trimEnd().split('\n');
      assert.equal(lines[1], '"0012345","060-0001","090-1234-5678","0012345",2');
    } finally {
      await s.cleanup();
    }
  });
});

describe('a file in two encodings', () => {
  test('Shift_JIS with one UTF-8 line: an error naming the line and its text', async () => {
    const sjis = iconv.encode('顧客ID,氏名\r\nC1,山田太郎\r\nC2,佐藤花子\r\n', 'cp932');
    const utf8 = Buffer.from('C3,鈴木一郎\r\n', 'utf8');
    const tail = iconv.encode('C4,高橋\r\n', 'cp932');
    await writeFile(path('mixed-sjis.csv'), Buffer.concat([sjis, utf8, tail]));
    await assert.rejects(
      prepareSource(path('mixed-sjis.csv')),
      (e: ImportError) =>
        e.code === 'mixed_encoding' &&
        e.message.includes('mixed-sjis.csv') &&
        /4 行目/.test(e.message) &&
        /line 4/.test(e.message) &&
        e.message.includes('C3,鈴木一郎') &&
        /one encoding/.test(e.message),
    );
  });

  test('UTF-8 with one Shift_JIS line near the top: an error naming the line', async () => {
    const utf8 = Buffer.from('顧客ID,氏名\nC1,山田太郎\nC2,佐藤花子\nC3,田中\n', 'utf8');
    const sjis = iconv.encode('C4,高橋\n', 'cp932');
    await writeFile(path('mixed-utf8.csv'), Buffer.concat([utf8, sjis]));
    await assert.rejects(
      prepareSource(path('mixed-utf8.csv')),
      (e: ImportError) =>
        e.code === 'mixed_encoding' &&
        /5 行目/.test(e.message) &&
        /line 5/.test(e.message) &&
        e.message.includes('C4,高橋'),
    );
  });

  test('the line scan gives the same answer however the bytes are chunked', async () => {
    const bytes = Buffer.concat([
      iconv.encode('顧客ID,氏名\r\nC1,山田\r\n', 'cp932'),
      Buffer.from('C2,𠮷野家の鈴木\r\nC3,abc\r\n'),
      iconv.encode('C4,ﾃｽﾄ高橋', 'cp932'),
    ]);
    const whole = new LineEncodingScanner();
    whole.feed(bytes);
    const bytewise = new LineEncodingScanner();
    for (let i = 0; i < bytes.length; i++) bytewise.feed(bytes.subarray(i, i + 1));
    for (const s of [whole, bytewise]) {
      // The last line has no newline: the flush at the end counts it.
      await new Promise((done) => s.end(done));
      assert.deepEqual(
        [s.scan.utf8Count, s.scan.legacyCount, s.scan.utf8.map((l) => l.line)],
        [1, 3, [3]],
      );
      assert.equal(s.scan.utf8[0].bytes.toString('utf8'), 'C2,𠮷野家の鈴木\r');
      assert.deepEqual(
        s.scan.legacy.map((l) => l.line),
        [1, 2, 5],
      );
    }
  });

  test('half-width katakana in Shift_JIS is not taken for UTF-8', async () => {
    // ﾃｽ is C3 BD in Shift_JIS: valid UTF-8 ("ý") but not Japanese as UTF-8.
    await writeFile(path('kana.csv'), iconv.encode('顧客ID,カナ\r\nC1,ﾃｽ\r\nC2,ﾔﾏﾀﾞ\r\n', 'cp932'));
    const s = await prepareSource(path('kana.csv'));
    assert.equal(s.encoding, 'cp932');
    await s.cleanup();
  });
});
