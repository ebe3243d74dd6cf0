// A customer key is staged as it is built, with no second clean-up pass (plan.ts `clean`): that
// is only right if every key is already what the id clean-up (values-sql.ts valueSql 'id') would
// make of it. Checked on the awkward inputs real exports carry: full-width letters and digits,
// ideographic and trailing spaces, tabs, hyphens of every kind, upper case, decimal-looking text.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { emailKeySql, namePhoneKeySql } from './identity.js';
import { valueSql } from './values-sql.js';

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

const EMAILS = [
  ' Taro@Example.JP ',
  'ＴＡＲＯ＠ｅｘａｍｐｌｅ．ｊｐ',
  'hanako@example.jp\u3000',
  'a.b@c.jp\t',
  'x y@z.jp',
  '12.0',
];
const PEOPLE: [string, string][] = [
  ['山田 太郎', '03-1234-5678'],
  ['山田　花子', '０９０－１１１１－２２２２'],
  ['\tＳａｔｏ  Ichiro ', '(045) 000‐1111'],
  ['ｶﾀｶﾅ 名前', '+81 90 1234 5678'],
];

test('every customer key is a fixed point of the id clean-up', async () => {
  const rows = [
    ...EMAILS.map((e) => `SELECT ${emailKeySql(`'${e.replace(/'/g, "''")}'`)} AS k`),
    ...PEOPLE.map(
      ([n, p]) =>
        `SELECT ${namePhoneKeySql(`'${n.replace(/'/g, "''")}'`, `'${p.replace(/'/g, "''")}'`)} AS k`,
    ),
  ].join(' UNION ALL ');
  const r = await conn.runAndReadAll(
    `SELECT k, ${valueSql('id', 'k')} AS cleaned FROM (${rows}) WHERE k IS NOT NULL`,
  );
  const got = r.getRowObjectsJson();
  assert.equal(got.length, EMAILS.length + PEOPLE.length);
  for (const row of got) assert.equal(row.cleaned, row.k, `key ${String(row.k)}`);
});
