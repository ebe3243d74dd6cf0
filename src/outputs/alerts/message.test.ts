import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertMessage, noticeMessage, type AlertFinding } from './message.js';
import { displayWidth, fmtChange, fmtKpi, fmtValue, wrapLine } from './format.js';
import { readRate } from '../../report/format.js';
import { webhookBody } from './webhook.js';
import type { Kpi } from '../kpis.js';

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
    annual_revenue: 1234567,
  },
  test: {
    ja: '流入出の変動に対する検定(稼働顧客数の変化): z = −6.2(基準 |z| ≥ 2)',
    en: 'test of the change in a stock against the noise of its flows: z = −6.2 (threshold |z| ≥ 2)',
  },
  cause: {
    ja: '稼働顧客数の減少が主因です。新規顧客の獲得が前年より大きく減り、既存顧客の維持率も下がっているため、売上の先行指標である顧客数が減り続けています。',
    en: 'The fall in active customers drives revenue down',
  },
  action: { ja: '顧客診断を確認', en: 'Open the customer diagnosis' },
  as_of: '2024-06-15',
  began: '2024-06-15',
  new: true,
};

const input = {
  business: 'テスト通販',
  as_of: '2024-06-15',
  kind: 'new' as const,
  findings: [f],
  workbook: '/a/kenshin-2024-06-15.xlsx',
  public_url: 'https://kenshin.example.jp/',
  chart_png: Buffer.from('png'),
  attach_max_bytes: 5 << 20,
};

test('numbers read as a person writes them: ¥1,234, 3.2 %, arrows', () => {
  assert.equal(fmtValue('money', 1234), '¥1,234');
  assert.equal(fmtValue('rate', 0.032), '3.2 %');
  assert.equal(fmtValue('int', 12345), '12,345');
  const k: Kpi = {
    key: 'active_customers',
    kind: 'int',
    better: 'up',
    value: 3613,
    before: { 1: 3612, 30: null, 365: 2841 },
  };
  assert.equal(fmtChange(k, 2841), '▲ 772 (+27.2 %)');
  assert.equal(fmtChange({ ...k, kind: 'rate', value: 0.715 }, 0.725), '▼ 1.0 pt');
  assert.equal(fmtChange(k, null), null);
});

test('a rate names its n, and out of too few customers it is words with no change', () => {
  const k: Kpi = {
    key: 'retention_rate',
    kind: 'rate',
    better: 'up',
    value: 0.56,
    before: { 1: 0.55, 30: null, 365: 0.446 },
    reading: readRate(0.56, 1300),
  };
  assert.equal(fmtKpi(k, 'ja'), '56.0 % (n=1,300)');
  assert.equal(fmtChange(k, 0.446), '▲ 11.4 pt');
  const few: Kpi = { ...k, value: 1, reading: readRate(1, 4) };
  assert.equal(fmtKpi(few, 'ja'), '判断するには少なすぎます (n=4)');
  assert.equal(fmtKpi(few, 'en'), 'too few to judge (n=4)');
  assert.equal(fmtChange(few, 0.446), null);
});

test('the text is Japanese first, English below, numbers named and formatted, lines short', () => {
  const m = alertMessage(input);
  assert.match(m.subject, /テスト通販 2024-06-15 新しい所見 1件 \/ 1 new finding\(s\)/);
  const ja = m.text.indexOf('稼働顧客数が前年比');
  const en = m.text.indexOf('Active customers are down');
  assert.ok(ja >= 0 && en > ja, 'Japanese block comes before the English one');
  assert.match(m.text, /\[新規\] \[重大\]/);
  assert.match(m.text, /\[NEW\] \[Critical\]/);
  const flat = m.text.replace(/\n\s*/g, ' ');
  assert.match(
    flat,
    /根拠: 稼働顧客数 233 · 前年の稼働顧客数 453 · 稼働顧客数の増減 -48\.6 % · 年商\(顧客\) ¥1,234,567/,
  );
  assert.match(flat, /Evidence: Active customers 233 · Active customers last year 453/);
  assert.doesNotMatch(m.text, /\w=\d/, 'no key=value');
  assert.match(m.text, /ダッシュボードを開く: https:\/\/kenshin\.example\.jp\/findings\?lang=ja/);
  assert.match(m.text, /ワークブックを添付しました: kenshin-2024-06-15\.xlsx/);
  for (const line of m.text.split('\n')) assert.ok(displayWidth(line) <= 72, `too long: ${line}`);
  assert.deepEqual(m.attach, {
    path: '/a/kenshin-2024-06-15.xlsx',
    filename: 'kenshin-2024-06-15.xlsx',
    max_bytes: 5 << 20,
  });
});

test('the HTML has the link, the inline chart and no fixed widths beyond a phone', () => {
  const m = alertMessage(input);
  assert.match(m.html, /<meta name="viewport" content="width=device-width,initial-scale=1">/);
  assert.match(m.html, /href="https:\/\/kenshin\.example\.jp\/findings\?lang=ja"/);
  assert.match(
    m.html,
    /<img src="cid:chart@kenshin"[^>]*style="display:block;width:100%;max-width:600px;height:auto;/,
  );
  assert.equal(m.inline?.cid, 'chart@kenshin');
  assert.ok(m.html.indexOf('顧客診断を確認') < m.html.indexOf('Open the customer diagnosis'));
  assert.doesNotMatch(m.html, /(?<!max-)width:\s*\d{3,}px/, 'no fixed width wider than a phone');
});

test('the webhook keeps its structured findings and adds the link', () => {
  const body = webhookBody(alertMessage(input)) as {
    text: string;
    url: string;
    findings: { id: string }[];
  };
  assert.equal(body.url, 'https://kenshin.example.jp/findings?lang=ja');
  assert.deepEqual(
    body.findings.map((x) => x.id),
    ['list.active_decline'],
  );
  assert.match(body.text, /<https:\/\/kenshin\.example\.jp\/findings\?lang=ja>$/);
});

test('a digest says since when a problem is open, and says so when all is clear', () => {
  const old = { ...f, began: '2024-06-01', new: false };
  const m = alertMessage({ business: 'B', as_of: '2024-06-15', kind: 'digest', findings: [old] });
  assert.match(m.subject, /健診ダイジェスト \/ daily digest: 重大 1/);
  assert.match(m.text, /2024-06-01から継続/);
  assert.match(m.text.replace(/\n\s*/g, ' '), /open since 2024-06-01/);
  assert.equal(m.link, null, 'no link without a public_url');
  const clear = alertMessage({ business: 'B', as_of: '2024-06-15', kind: 'digest', findings: [] });
  assert.match(clear.text, /所見はありません。/);
  assert.match(clear.text, /No findings\./);
});

test('a failed import names the file, its first errors and where the report is', () => {
  const m = noticeMessage({
    kind: 'import_failed',
    business: 'B',
    rows: {
      ja: [
        ['ファイル', 'orders.csv'],
        ['最初のエラー', 'row 2, column "amount" = "abc": not a number'],
      ],
      en: [['File', 'orders.csv']],
    },
    public_url: 'https://k.example.jp',
  });
  assert.match(m.subject, /取り込みに失敗しました \/ Import failed/);
  assert.match(m.text, /ファイル:\n {2}orders\.csv/);
  assert.match(m.html, /href="https:\/\/k\.example\.jp\/import\?lang=ja"/);
});

test('long lines wrap at word boundaries, indent kept', () => {
  const out = wrapLine(`  対策: ${'あ'.repeat(50)} https://example.jp/a/very/long/link`, 40);
  assert.ok(
    out.every((l) => displayWidth(l) <= 40 || !/\s/.test(l.trim())),
    out.join('|'),
  );
  assert.ok(out.slice(1).every((l) => l.startsWith('  ')));
  assert.ok(
    out.some((l) => l.includes('https://example.jp/a/very/long/link')),
    'the link stays whole',
  );
});
