// CSV writing: quoting, CRLF, the UTF-8 BOM, Shift_JIS read back, replaced characters, atomicity.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { csvField, csvLine, encodeCp932, writeCsv } from './csv-export.js';

const dirs: string[] = [];
const dir = async () => {
  dirs.push(await mkdtemp(join(tmpdir(), 'kenshin-csv-')));
  return dirs[dirs.length - 1];
};
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

test('RFC 4180 quoting and CRLF line ends', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField(null), '');
  assert.equal(csvField(0), '0');
  assert.equal(csvLine(['a', null, 'b,c']), 'a,,"b,c"\r\n');
});

test('UTF-8 with BOM: the BOM bytes, then the records', async () => {
  const path = join(await dir(), 'out.csv');
  const stats = await writeCsv(
    path,
    ['顧客ID', '氏名'],
    [
      ['c1', '山田 太郎'],
      ['c2', 'Smith, "Jo"'],
    ],
    'utf8-bom',
  );
  const bytes = await readFile(path);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(
    bytes.subarray(3).toString('utf8'),
    '顧客ID,氏名\r\nc1,山田 太郎\r\nc2,"Smith, ""Jo"""\r\n',
  );
  assert.deepEqual([stats.rows, stats.bytes, stats.replaced], [2, bytes.length, 0]);
});

test('Shift_JIS: CP932 bytes that decode back; JIS twins mapped; the rest replaced and counted', async () => {
  const path = join(await dir(), 'out.csv');
  const rows = [
    ['c1', '髙橋 ①〜－'],
    ['c2', 'Café 😀'],
    ['c3', 'なぜ?'],
  ];
  const stats = await writeCsv(path, ['顧客ID', '氏名'], rows, 'sjis');
  const bytes = await readFile(path);
  assert.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  // 〜 (U+301C) becomes CP932's ～ (U+FF5E); é and the emoji are not in CP932.
  assert.equal(
    iconv.decode(bytes, 'cp932'),
    '顧客ID,氏名\r\nc1,髙橋 ①～－\r\nc2,Caf? ?\r\nc3,なぜ?\r\n',
  );
  assert.equal(stats.replaced, 2); // a '?' already in the text is not counted
  assert.deepEqual([...encodeCp932('顧').bytes], [0x8c, 0xda]);
});

test('many rows stream through in batches', async () => {
  const path = join(await dir(), 'big.csv');
  function* gen() {
    for (let i = 0; i < 30_000; i++) yield [`c${i}`, '東京都千代田区', i];
  }
  const stats = await writeCsv(path, ['id', 'address', 'n'], gen(), 'sjis');
  const text = iconv.decode(await readFile(path), 'cp932');
  const lines = text.split('\r\n');
  assert.equal(stats.rows, 30_000);
  assert.equal(lines.length, 30_002); // header + rows + the empty string after the last CRLF
  assert.equal(lines[30_000], 'c29999,東京都千代田区,29999');
});

test('a failure leaves neither the file nor its temporary', async () => {
  const d = await dir();
  async function* failing() {
    yield ['c1', 'ok'];
    throw new Error('source broke');
  }
  await assert.rejects(writeCsv(join(d, 'out.csv'), ['a', 'b'], failing()), /source broke/);
  assert.deepEqual(await readdir(d), []);
});
