import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertMessage, type AlertFinding } from './message.js';

const f: AlertFinding = {
  id: 'list.active_decline',
  severity: 'critical',
  title: {
    ja: '稼働顧客数が前年比 -48.6% 減少しています',
    en: 'Active customers are down 48.6% on last year',
  },
  evidence: {
    active_customers: 233,
    active_customers_prev_year: 453,
    active_customers_change: -0.4857,
  },
  cause: {
    ja: '稼働顧客数の減少が主因です',
    en: 'The fall in active customers drives revenue down',
  },
  action: { ja: '顧客診断を確認', en: 'Open the customer diagnosis' },
  as_of: '2024-06-15',
  began: '2024-06-15',
  new: true,
};

test('the message is Japanese first, English below, with the numbers', () => {
  const m = alertMessage({
    business: 'テスト通販',
    as_of: '2024-06-15',
    kind: 'new',
    findings: [f],
    workbook: '/a/kenshin-2024-06-15.xlsx',
  });
  assert.match(m.subject, /テスト通販 2024-06-15 新しい所見 1件 \/ 1 new finding/);
  const ja = m.text.indexOf('稼働顧客数が前年比');
  const en = m.text.indexOf('Active customers are down');
  assert.ok(ja >= 0 && en > ja, 'Japanese block comes before the English one');
  assert.match(m.text, /【新規】\[重大\]/);
  assert.match(m.text, /\[NEW\] \[CRITICAL\]/);
  assert.match(
    m.text,
    /active_customers=233, active_customers_prev_year=453, active_customers_change=-48\.6%/,
  );
  assert.match(m.text, /kenshin-2024-06-15\.xlsx/);
  assert.deepEqual(
    m.findings.map((x) => x.id),
    ['list.active_decline'],
  );
});

test('a digest says since when a problem is open, and says so when all is clear', () => {
  const old = { ...f, began: '2024-06-01', new: false };
  const m = alertMessage({ business: 'B', as_of: '2024-06-15', kind: 'digest', findings: [old] });
  assert.match(m.subject, /健診ダイジェスト \/ daily digest: 重大 1/);
  assert.match(m.text, /2024-06-01から継続/);
  assert.match(m.text, /open since 2024-06-01/);
  const clear = alertMessage({ business: 'B', as_of: '2024-06-15', kind: 'digest', findings: [] });
  assert.match(clear.text, /所見はありません。/);
  assert.match(clear.text, /No findings\./);
});
