import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { FieldType } from './entities.js';
import { paramsFor } from './sql.js';
import { errorSql, fastSql, slowWhereSql, valueSql } from './values-sql.js';

let instance: DuckDBInstance;
let conn: DuckDBConnection;
before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  conn = await instance.connect();
});
after(() => {
  conn.closeSync();
  instance.closeSync();
});

/** Evaluates the value and error SQL of a type over raw strings; returns [value as text, reason]. */
async function evaluate(
  type: FieldType,
  raws: (string | null)[],
  opts: { required?: boolean; dateFormat?: string } = {},
) {
  const values = raws.map((_, i) => `($r${i}, ${i})`).join(', ');
  const params: Record<string, string | null> = { tz: 'Asia/Tokyo', currency: 'JPY' };
  raws.forEach((r, i) => (params[`r${i}`] = r));
  if (opts.dateFormat) params.date_format = opts.dateFormat;
  const v = valueSql(type, 'raw', { dateFormat: Boolean(opts.dateFormat) });
  const sql = `SELECT CAST(typed AS VARCHAR), ${errorSql(type, 'raw', 'typed', opts.required ?? false)}
    FROM (SELECT raw, ${v} AS typed, n FROM (SELECT CAST(col0 AS VARCHAR) AS raw, col1 AS n FROM (VALUES ${values}))) ORDER BY n`;
  const rows = (await conn.runAndReadAll(sql, paramsFor(sql, params) as never)).getRows();
  const full = rows.map((r) => [
    r[0] === null ? null : String(r[0]),
    r[1] === null ? null : String(r[1]),
  ]);
  // The import computes the fast path on every row, then the full expression on the rows it left
  // NULL: that must give the same values as the full expression alone.
  const create = `CREATE OR REPLACE TEMP TABLE two_pass AS SELECT raw, n, ${fastSql(type, 'raw', { dateFormat: Boolean(opts.dateFormat) })} AS typed
    FROM (SELECT CAST(col0 AS VARCHAR) AS raw, col1 AS n FROM (VALUES ${values}))`;
  await conn.run(create, paramsFor(create, params) as never);
  const update = `UPDATE two_pass SET typed = ${v} WHERE ${slowWhereSql(type, 'raw', 'typed')}`;
  await conn.run(update, paramsFor(update, params) as never);
  const twoPass = (
    await conn.runAndReadAll('SELECT CAST(typed AS VARCHAR) FROM two_pass ORDER BY n')
  ).getRows();
  assert.deepEqual(
    twoPass.map((r) => (r[0] === null ? null : String(r[0]))),
    full.map((r) => r[0]),
    'fast path + slow pass = full expression',
  );
  return full;
}

describe('timestamps', () => {
  test('the date forms of Japanese files, as local wall-clock times', async () => {
    const got = await evaluate('timestamp', [
      '2024/1/5',
      '2024-01-05 10:00',
      '2024年1月5日',
      '2024年1月5日(金)',
      '2024年1月5日 10時30分',
      '20240105',
      '２０２４/０１/０５',
      '2024-01-05T10:00:00+09:00',
      '2024-01-05T01:00:00Z',
      '2024-01-05 10:00:00 +0900',
      '2024-01-04T20:00:00-05:00',
      '2024/01/05 9:05:07',
    ]);
    assert.deepEqual(
      got.map((r) => r[0]),
      [
        '2024-01-05 00:00:00',
        '2024-01-05 10:00:00',
        '2024-01-05 00:00:00',
        '2024-01-05 00:00:00',
        '2024-01-05 10:30:00',
        '2024-01-05 00:00:00',
        '2024-01-05 00:00:00',
        '2024-01-05 10:00:00',
        '2024-01-05 10:00:00',
        '2024-01-05 10:00:00',
        '2024-01-05 10:00:00',
        '2024-01-05 09:05:07',
      ],
    );
    assert.ok(got.every((r) => r[1] === null));
  });

  test('unreadable, impossible and out-of-range dates are named, empty ones only when required', async () => {
    const got = await evaluate(
      'timestamp',
      ['2024/13/45', '2024-02-30', 'yesterday', '0024-01-05', '', null],
      { required: true },
    );
    assert.deepEqual(
      got.map((r) => r[1]),
      ['invalid_date', 'invalid_date', 'invalid_date', 'date_out_of_range', 'required', 'required'],
    );
    const optional = await evaluate('timestamp', ['', null]);
    assert.deepEqual(optional, [
      [null, null],
      [null, null],
    ]);
  });

  test('business dates before 1990 or after tomorrow are implausible; birth dates may be old', async () => {
    const codes = async (type: FieldType, raws: string[]) =>
      (await evaluate(type, raws)).map((r) => r[1]);
    assert.deepEqual(
      await codes('timestamp', ['1900-01-01', '1989-12-31 23:59:59', '1990-01-01', '2099-01-01']),
      ['date_too_early', 'date_too_early', null, 'date_in_future'],
    );
    assert.deepEqual(await codes('month_date', ['1989-12', '2024-05', '2099-05']), [
      'date_too_early',
      null,
      'date_in_future',
    ]);
    assert.deepEqual(await codes('date', ['1930-05-01', '1899-12-31', '2099-01-01']), [
      null,
      'date_out_of_range',
      'date_in_future',
    ]);
  });

  test('--date-format reads day-first or month-first files', async () => {
    const got = await evaluate('timestamp', ['12/1/2010 8:26', '2024-01-05'], {
      dateFormat: '%m/%d/%Y %H:%M',
    });
    assert.deepEqual(
      got.map((r) => r[0]),
      ['2010-12-01 08:26:00', '2024-01-05 00:00:00'],
    );
  });

  test('months for ad spend land on the first day', async () => {
    const got = await evaluate('month_date', [
      '2024-05',
      '2024/5',
      '2024年5月',
      '202405',
      '2024-05-17',
    ]);
    assert.deepEqual(
      got.map((r) => r[0]),
      ['2024-05-01', '2024-05-01', '2024-05-01', '2024-05-01', '2024-05-17'],
    );
  });
});

describe('money and quantities', () => {
  test('yen signs, separators, full-width digits and Japanese negatives', async () => {
    const got = await evaluate('money', [
      '1234',
      '¥1,234',
      '￥1,234',
      '1,234円',
      '１２３４',
      '△100',
      '▲100',
      '-100',
      '(1,500)',
      '1,234.5',
      ' 12 ',
      '¥-50',
    ]);
    assert.deepEqual(
      got.map((r) => (r[0] === null ? null : Number(r[0]))),
      [1234, 1234, 1234, 1234, 1234, -100, -100, -100, -1500, 1234.5, 12, -50],
    );
    assert.ok(got.every((r) => r[1] === null));
  });

  test('exact decimals, not floating point', async () => {
    const got = await evaluate('money', ['0.1', '0.2', '9747747.934']);
    assert.deepEqual(
      got.map((r) => r[0]),
      ['0.1000', '0.2000', '9747747.9340'],
    );
  });

  test('more decimals than the 4 stored are refused, never rounded; trailing zeros are fine', async () => {
    const got = await evaluate('money', [
      '0.00001',
      '1.23456',
      '¥1,234.56789',
      '１．０００１５',
      '1234.50000',
      '12.3456',
      '-0.00005',
    ]);
    assert.deepEqual(got, [
      [null, 'too_many_decimals'],
      [null, 'too_many_decimals'],
      [null, 'too_many_decimals'],
      [null, 'too_many_decimals'],
      ['1234.5000', null],
      ['12.3456', null],
      [null, 'too_many_decimals'],
    ]);
    assert.deepEqual(await evaluate('quantity', ['0.00001']), [[null, 'too_many_decimals']]);
    assert.deepEqual(await evaluate('money_abs', ['-0.00001']), [[null, 'too_many_decimals']]);
  });

  test('things that are not amounts', async () => {
    const got = await evaluate('money', ['12,34', 'abc', '1.2.3', '¥', '１２，３４']);
    assert.ok(got.every((r) => r[0] === null && r[1] === 'invalid_number'));
  });

  test('shipping and costs are never negative; discounts are magnitudes', async () => {
    assert.deepEqual(await evaluate('money_nonneg', ['-500']), [
      ['-500.0000', 'negative_not_allowed'],
    ]);
    assert.deepEqual(await evaluate('money_abs', ['-500', '△300']), [
      ['500.0000', null],
      ['300.0000', null],
    ]);
  });

  test('quantities with a counter word', async () => {
    const got = await evaluate('quantity', ['3個', '２点', '-1']);
    assert.deepEqual(
      got.map((r) => Number(r[0])),
      [3, 2, -1],
    );
  });
});

describe('words', () => {
  test('status words map onto completed / cancelled / returned', async () => {
    const got = await evaluate('status', [
      '完了',
      '発送済',
      '出荷済み',
      'Completed',
      'PAID',
      'fulfilled',
      'キャンセル',
      '取消',
      'voided',
      '返品',
      'refunded',
      'ｷｬﾝｾﾙ',
      '',
    ]);
    assert.deepEqual(
      got.map((r) => r[0]),
      [
        'completed',
        'completed',
        'completed',
        'completed',
        'completed',
        'completed',
        'cancelled',
        'cancelled',
        'cancelled',
        'returned',
        'returned',
        'cancelled',
        null,
      ],
    );
    assert.deepEqual(await evaluate('status', ['保留']), [[null, 'invalid_status']]);
  });

  test('contact channels; unknown words become other', async () => {
    const got = await evaluate('contact_channel', [
      'DM',
      'ダイレクトメール',
      'カタログ',
      'メール',
      'メルマガ',
      'email',
      'LINE',
      'ＬＩＮＥ',
      'SMS',
      '電話',
      'FAX',
    ]);
    assert.deepEqual(
      got.map((r) => r[0]),
      ['dm', 'dm', 'dm', 'email', 'email', 'email', 'line', 'line', 'sms', 'call', 'other'],
    );
  });

  test('currency must be the business currency', async () => {
    assert.deepEqual(await evaluate('currency', ['JPY', '円', 'usd']), [
      ['JPY', null],
      ['JPY', null],
      ['USD', 'currency_mismatch'],
    ]);
  });
});

describe('ids and codes', () => {
  test('integer ids written as decimals lose the .0; other ids are kept', async () => {
    const got = await evaluate('id', ['17850.0', '17850', 'C536365', '１２３', ' A-1 ', '1.5', '']);
    assert.deepEqual(
      got.map((r) => r[0]),
      ['17850', '17850', 'C536365', '123', 'A-1', '1.5', null],
    );
  });

  test('postal codes and phones are folded to half-width', async () => {
    assert.deepEqual(await evaluate('code', ['〒１００－０００１']), [['100-0001', null]]);
  });
});
