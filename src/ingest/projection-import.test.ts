// A Shift_JIS file is transcoded with only the columns the import reads (projection.ts). The
// import must not be able to tell: the same file in UTF-8 (read whole, never projected) gives the
// same stored rows, the same refusals, the same reject file and the same bad-line report.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { importFixture, rows, TempStores } from '../../test/fixtures/import/kit.js';
import type { ImportRequest } from './import.js';
import { buildPlan } from './plan.js';
import { openSource, readySource } from './source.js';
import { usedColumns } from './stage.js';

const stores = new TempStores();
before(() => stores.init());
after(() => stores.cleanup());

const HEADER =
  '注文番号,備考1,顧客ID,備考2,注文日,備考3,金額,備考4,ステータス,備考5,備考6,備考7,備考8\r\n';
const row = (id: string, cust: string, note = '') =>
  `"${id}","${note}","${cust}","","2024-03-0${1 + (id.length % 8)}","","12,000","","完了","髙橋㈱","","",""\r\n`;

let n = 0;
// Writes the same text as Shift_JIS and as UTF-8; returns both paths.
async function pair(text: string): Promise<{ sjis: string; utf8: string }> {
  const sjis = stores.path(`p${n}.sjis.csv`);
  const utf8 = stores.path(`p${n++}.utf8.csv`);
  await writeFile(sjis, iconv.encode(text, 'cp932'));
  await writeFile(utf8, text);
  return { sjis, utf8 };
}

// Imports a file into a fresh store; returns what a user sees of the result and the stored orders.
async function outcome(file: string, extra: Partial<ImportRequest> = {}) {
  let out: unknown;
  await stores.with(async (store) => {
    try {
      const r = await importFixture(store, 'orders', file, extra);
      out = {
        ok: r.ok,
        rowsRead: r.rowsRead,
        stored: r.rowsStored,
        errors: r.validation.errors.map((e) => [e.row, e.column, e.code]),
        orders: await rows(
          store,
          'SELECT order_id, customer_id, amount, status FROM orders ORDER BY ALL',
        ),
      };
    } catch (err) {
      out = { error: (err as Error).message.replace(/p\d+\.(sjis|utf8)\.csv/g, 'FILE') };
    }
  });
  return out;
}

describe('a projected Shift_JIS import reads like the whole file', () => {
  test('the import reads a fifth of the columns of this file', async () => {
    const { sjis } = await pair(HEADER + row('A1', 'C1'));
    const s = await openSource(sjis);
    const keep = usedColumns(buildPlan('orders', s.headers, {}), s.headers.length);
    await readySource(s, keep);
    try {
      assert.deepEqual(s.csvColumns, [0, 2, 4, 6, 8]);
      const text = await readFile(s.csvPath, 'utf8');
      assert.match(text, /^注文番号,顧客ID,注文日,金額,ステータス,_kenshin_dropped\r\n/);
    } finally {
      await s.cleanup();
    }
  });

  test('same rows stored, and a row with text only in unread columns is refused, not dropped', async () => {
    const text =
      HEADER +
      row('A1', 'C1') +
      row('A22', 'C2', 'メモ') +
      ',"only a note",,,,,,,,,,,\r\n' +
      ',,,,,,,,,,,,\r\n';
    const { sjis, utf8 } = await pair(text);
    const a = await outcome(sjis);
    assert.deepEqual(a, await outcome(utf8));
    // Row 4 (the note-only row) is refused for its missing order number; row 5 is blank.
    assert.equal((a as { ok: boolean }).ok, false);
    assert.deepEqual([...new Set((a as { errors: unknown[][] }).errors.map((e) => e[0]))], [4]);
  });

  test('the reject file keeps every column of the refused rows', async () => {
    const text = HEADER + row('A1', 'C1') + row('A3', 'C3').replace('"12,000"', '"十二円"');
    const { sjis, utf8 } = await pair(text);
    const files: string[] = [];
    for (const f of [sjis, utf8]) {
      const reject = `${f}.rejects.csv`;
      await outcome(f, { rejectFile: reject });
      files.push(await readFile(reject, 'utf8'));
    }
    assert.equal(files[0], files[1]);
    assert.match(files[0], /髙橋㈱/);
    assert.equal(files[0].split('\n')[0].split(',').length, 14);
  });

  test('a line with a field too many is reported on the same line', async () => {
    const text =
      HEADER + row('A1', 'C1') + row('A2', 'C2').replace('\r\n', ',"x"\r\n') + row('A3', 'C3');
    const { sjis, utf8 } = await pair(text);
    const a = await outcome(sjis);
    assert.deepEqual(a, await outcome(utf8));
    assert.match(JSON.stringify(a), /3/);
  });
});
