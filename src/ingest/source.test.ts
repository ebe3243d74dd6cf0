import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { detectEncoding, isValidUtf8, readSample } from './encoding.js';
import { ImportError } from './errors.js';
import { detectDelimiter, parseHeader, prepareSource } from './source.js';

const FIX = join(import.meta.dirname, '../../test/fixtures/import');
const fix = (name: string) => join(FIX, name);

describe('encodings', () => {
  test('UTF-8 with and without BOM, Shift_JIS, EUC-JP, UTF-16', () => {
    assert.deepEqual(detectEncoding(Buffer.from('顧客ID,金額\n1,2\n')), {
      encoding: 'utf8',
      bom: false,
      asciiOnly: false,
    });
    assert.deepEqual(detectEncoding(Buffer.from('\uFEFFa,b\n')), {
      encoding: 'utf8',
      bom: true,
      asciiOnly: false,
    });
    assert.deepEqual(detectEncoding(Buffer.from('a,b\n1,2\n')), {
      encoding: 'utf8',
      bom: false,
      asciiOnly: true,
    });
    assert.equal(
      detectEncoding(iconv.encode('受注番号,顧客ID,受注日\n1,2,2024年1月5日\n', 'cp932')).encoding,
      'cp932',
    );
    assert.equal(
      detectEncoding(iconv.encode('受注番号,顧客ID,受注日\n1,2,2024年1月5日\n', 'euc-jp')).encoding,
      'eucjp',
    );
    assert.deepEqual(detectEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00])), {
      encoding: 'utf16le',
      bom: true,
      asciiOnly: false,
    });
    assert.equal(detectEncoding(readFileSync(fix('orders-sjis.csv'))).encoding, 'cp932');
  });

  test('a UTF-8 sample cut inside a character is still UTF-8', () => {
    const bytes = Buffer.from('金額');
    assert.equal(isValidUtf8(bytes.subarray(0, 4), true), true);
    assert.equal(isValidUtf8(bytes.subarray(0, 4), false), false);
    assert.equal(detectEncoding(bytes.subarray(0, 4), false).encoding, 'utf8');
  });

  test('the sample of a gzip file is its decompressed start', async () => {
    const { bytes, complete } = await readSample(fix('orders.csv.gz'), true);
    assert.equal(complete, true);
    assert.ok(bytes.toString('utf8').startsWith('order_id,customer_id,ordered_at,amount\nG001'));
  });
});

describe('delimiters and headers', () => {
  test('the delimiter that splits the header into the most fields', () => {
    assert.equal(detectDelimiter('a,b,c'), ',');
    assert.equal(detectDelimiter('a\tb\tc'), '\t');
    assert.equal(detectDelimiter('a;b;c'), ';');
    assert.equal(detectDelimiter('"a,b"\tc\td'), '\t');
    assert.equal(detectDelimiter('single'), ',');
    assert.equal(detectDelimiter('a,b', true), ',');
    assert.equal(detectDelimiter('a\tb,c', true), '\t');
  });

  test('the header is the first record, quotes respected, after skipped lines', () => {
    assert.deepEqual(parseHeader('"a,1", b ,c\n1,2,3\n', ','), ['a,1', 'b', 'c']);
    assert.deepEqual(parseHeader('受注一覧 2024年1月\n\norder_id,amount\n', ',', 2), [
      'order_id',
      'amount',
    ]);
  });
});

describe('preparing files for DuckDB', () => {
  test('UTF-8 CSV is read in place', async () => {
    const s = await prepareSource(fix('orders-utf8.csv'));
    assert.equal(s.csvPath, fix('orders-utf8.csv'));
    assert.equal(s.headers.length, 9);
    await s.cleanup();
  });

  test('Shift_JIS is transcoded to a temporary UTF-8 file', async () => {
    const s = await prepareSource(fix('orders-sjis.csv'));
    try {
      assert.equal(s.encoding, 'cp932');
      assert.notEqual(s.csvPath, fix('orders-sjis.csv'));
      assert.deepEqual(s.headers, [
        '受注番号',
        '顧客ＩＤ',
        '受注日',
        '合計金額(税込)',
        'ステータス',
        '備考',
      ]);
      const text = await readFile(s.csvPath, 'utf8');
      assert.ok(text.includes('J003,K001,2024/2/3 14:05,"１，５００",出荷済み,②回目'));
      assert.equal(s.replacements, 0);
    } finally {
      await s.cleanup();
    }
  });

  test('.xlsx becomes a CSV with the sheet row numbers', async () => {
    const s = await prepareSource(fix('customers.xlsx'));
    try {
      assert.equal(s.format, 'xlsx');
      assert.equal(s.rowColumn, true);
      assert.equal(s.headers[0], '顧客ID');
      const text = await readFile(s.csvPath, 'utf8');
      const lines = text.trimEnd().split('\n');
      assert.equal(lines.length, 4);
      assert.match(
        lines[1],
        /^"1001","山田 太郎",.*"1980-04-01",.*"2023-01-15 10:30:00","ゴールド",2$/,
      );
      assert.match(lines[2], /^"1002",.*,4$/);
    } finally {
      await s.cleanup();
    }
    const memo = await prepareSource(fix('customers.xlsx'), { sheet: 'メモ' });
    assert.deepEqual(memo.headers, ['メモ']);
    await memo.cleanup();
    await assert.rejects(
      prepareSource(fix('customers.xlsx'), { sheet: 'nope' }),
      (e: ImportError) => e.code === 'sheet_not_found' && e.message.includes('顧客一覧, メモ'),
    );
  });

  test('missing and empty files are errors with the path', async () => {
    await assert.rejects(
      prepareSource(fix('nope.csv')),
      (e: ImportError) => e.code === 'file_not_found',
    );
  });
});

test('the file hash of the import run is the SHA-256 of its bytes (computed in a worker)', async () => {
  const { createHash } = await import('node:crypto');
  const { sha256File } = await import('./encoding.js');
  const file = new URL('./presets/fixtures/rakuten-pay/rakuten-pay-orders.csv', import.meta.url);
  const bytes = readFileSync(file);
  assert.equal(await sha256File(file.pathname), createHash('sha256').update(bytes).digest('hex'));
  await assert.rejects(sha256File('/nonexistent/file.csv'), /ENOENT/);
});

test('the file hash also works when the process runs evaluated code as a module (npm run bench does)', async () => {
  const { spawnSync } = await import('node:child_process');
  const { createHash } = await import('node:crypto');
  const { fileURLToPath } = await import('node:url');
  const file = fileURLToPath(new URL('./encoding.ts', import.meta.url));
  const expected = createHash('sha256').update(readFileSync(file)).digest('hex');
  const module = JSON.stringify(new URL('./encoding.ts', import.meta.url).href);
  const code = `import(${module}).then(async (m) => console.log(await m.sha256File(${JSON.stringify(file)})))`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), expected);
});
