// Formula-like text gets a leading quote; numbers, number text and lone signs do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isFormulaLike, neutraliseStrings, neutraliseText } from './cell-safety.js';

test('text that starts a formula is neutralised, OWASP’s six starting characters', () => {
  for (const t of [
    '=HYPERLINK("http://x","y")',
    '+cmd|x',
    '-2+3',
    '@SUM(A1)',
    '\tcmd',
    '\rcmd',
    '+81-90-1234-5678',
  ])
    assert.equal(neutraliseText(t), `'${t}`, JSON.stringify(t));
});

test('numbers written as text, plain text and lone signs stay as they are', () => {
  for (const t of [
    '-1200',
    '+5',
    '-1,200.50',
    '3.5e-2',
    '-',
    '=',
    '山田 太郎',
    'a@b.jp',
    '2026-10-31',
    '',
  ])
    assert.equal(isFormulaLike(t), false, JSON.stringify(t));
});

test('a report is copied with its strings neutralised and its numbers untouched', () => {
  const report = { as_of: '2026-10-31', rows: [{ value: '@SUM(1+1)', base: -3 }], name: '=X()' };
  assert.deepEqual(neutraliseStrings(report), {
    as_of: '2026-10-31',
    rows: [{ value: "'@SUM(1+1)", base: -3 }],
    name: "'=X()",
  });
  assert.equal(report.name, '=X()', 'the original is not changed');
});
