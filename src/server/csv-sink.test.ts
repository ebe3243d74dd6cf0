// The HTTP CSV sink: the same bytes as a CSV file export (BOM, CRLF, quoting, CP932), and a
// client that goes away stops the export instead of holding the connection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { HttpCsvSink } from './csv-sink.js';

/** Returns everything the sink's stream emits. */
async function collect(sink: HttpCsvSink): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of sink.stream) parts.push(b as Buffer);
  return Buffer.concat(parts);
}

test('UTF-8 with BOM, CRLF line ends, RFC 4180 quoting', async () => {
  const sink = new HttpCsvSink('utf8-bom');
  const done = collect(sink);
  await sink.writeHeader(['顧客ID', '氏名']);
  await sink.writeRow(['C1', '山田, "花子"']);
  assert.deepEqual(await sink.close(), { rows: 1, replaced: 0 });
  const bytes = await done;
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.equal(bytes.subarray(3).toString('utf8'), '顧客ID,氏名\r\nC1,"山田, ""花子"""\r\n');
});

test('Shift_JIS (CP932), counting characters it cannot hold', async () => {
  const sink = new HttpCsvSink('sjis');
  const done = collect(sink);
  await sink.writeHeader(['氏名']);
  await sink.writeRow(['髙橋 〜 😀']);
  assert.deepEqual(await sink.close(), { rows: 1, replaced: 1 });
  assert.equal(iconv.decode(await done, 'cp932'), '氏名\r\n髙橋 ～ ?\r\n');
});

test('a closed download makes the next flush fail, so the export stops', async () => {
  const sink = new HttpCsvSink('utf8');
  sink.stream.destroy();
  await sink.writeHeader(['x']);
  await assert.rejects(async () => {
    for (let i = 0; i < 50_000; i++)
      await sink.writeRow(['a long enough value to fill the buffer quickly']);
  }, /closed the download/);
});

test('finish sends the rows but keeps the download open; commit ends it (the audit row goes between)', async () => {
  const sink = new HttpCsvSink('utf8');
  const done = collect(sink);
  await sink.writeHeader(['x']);
  await sink.writeRow(['1']);
  assert.deepEqual(await sink.finish(), { rows: 1, replaced: 0 });
  assert.equal(sink.stream.writableEnded, false);
  await sink.commit();
  assert.equal(sink.stream.writableEnded, true);
  assert.equal((await done).toString('utf8'), 'x\r\n1\r\n');
});
