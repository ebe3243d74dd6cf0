// The daily workbook against the stored report: every number read back from the .xlsx equals
// the report JSON; LibreOffice opens it (converted to PDF); the charts are native Excel charts
// whose series read the data sheets; every data block is an Excel table; every sheet has its
// print layout; the Japanese book has no code names. (Printing: workbook-print.test.ts.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { makeShop } from './fixtures/daily-shop.js';
import { closeStore, type Store } from '../src/store/db.js';
import { insertOrders, memoryStore } from '../src/store/fixtures.js';
import { computeCheckup, loadCheckup, storeCheckup } from '../src/checkup/run.js';
import { loadSettings } from '../src/store/settings-store.js';
import { writeWorkbook, type WorkbookReport } from '../src/outputs/workbook/index.js';
import JSZip from 'jszip';
import { channelName } from '../src/domain/labels/index.js';
import { SHEETS } from '../src/outputs/workbook/labels.js';
import { insertContacts } from '../src/store/fixtures.js';
import { addDays } from '../src/domain/dates.js';
import { rfmMetrics } from '../src/store/metrics/rfm.js';
import { ladderMetrics } from '../src/store/metrics/ladder.js';
import { purchaseMetrics } from '../src/store/metrics/purchase.js';
import { distributionMetrics } from '../src/store/metrics/distribution.js';

const AS_OF = '2024-06-15';
const dir = mkdtempSync(join(tmpdir(), 'kenshin-wb-'));
let store: Store;
let report: WorkbookReport;
let wb: ExcelJS.Workbook;
const file = join(dir, 'kenshin.xlsx');

before(async () => {
  store = await memoryStore();
  const shop = makeShop({ asOf: AS_OF, decline: true });
  await insertOrders(store.conn, shop.orders);
  // Every 4th customer got a DM some weeks after each of their first 300 days, for the distribution sheet.
  await insertContacts(
    store.conn,
    shop.customers
      .filter((_, i) => i % 4 === 0)
      .map((c, i) => ({
        customer_id: c.customer_id,
        at: addDays(AS_OF, -(i % 600)),
        channel: i % 3 ? 'dm' : 'email',
        campaign_id: `camp${i % 5}`,
        cost: 120,
      })),
  );
  await storeCheckup(
    store.conn,
    await computeCheckup(store.conn, await loadSettings(store.conn), AS_OF),
  );
  // The workbook reads the stored report, as the CLI does.
  report = (await loadCheckup(store.conn, AS_OF))!;
  await writeWorkbook(report, file);
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
});

after(() => {
  closeStore(store);
  rmSync(dir, { recursive: true, force: true });
});

/** Returns the row of a sheet whose first cell is `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string, from = 1): ExcelJS.Row {
  for (let r = from; r <= ws.rowCount; r++)
    if (ws.getCell(r, 1).value === label) return ws.getRow(r);
  throw new Error(`no row "${label}" in ${ws.name}`);
}

/** Returns the conditional formats of a sheet (exceljs keeps them untyped). */
function cfs(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] })
    .conditionalFormattings;
}

/** Returns a cell's value, the result of a formula cell. */
function val(c: ExcelJS.Cell): unknown {
  const v = c.value as { result?: unknown } | null;
  return v && typeof v === 'object' && 'result' in v ? v.result : v;
}

test('the sheets are there, in Japanese, in reading order', () => {
  assert.deepEqual(
    wb.worksheets.map((w) => w.name),
    Object.values(SHEETS).map((p) => p[0]),
  );
});

test('overview numbers equal the stored report, with yen and % formats', () => {
  const ws = wb.getWorksheet('概要')!;
  const m = report.metrics;
  const p = report.metrics_prev_year;
  const active = rowOf(ws, '稼働顧客数');
  assert.equal(active.getCell(2).value, m.active_customers);
  assert.equal(active.getCell(3).value, p.active_customers);
  assert.equal(val(active.getCell(4)), m.active_customers - p.active_customers);
  const rev = rowOf(ws, '年商(顧客)');
  assert.equal(rev.getCell(2).value, m.annual_revenue);
  assert.equal(rev.getCell(3).value, p.annual_revenue);
  assert.equal(rev.getCell(2).numFmt, '"¥"#,##0');
  assert.equal(rowOf(ws, '年間LTV').getCell(2).value, m.annual_ltv);
  const ret = rowOf(ws, '顧客維持率');
  assert.equal(ret.getCell(2).value, m.retention_rate);
  assert.equal(ret.getCell(2).numFmt, '0.0%');
  for (const k of ['new', 'retained', 'reactivated', 'churned'] as const) {
    const label = { new: '新規', retained: '維持', reactivated: '復活', churned: '離脱' }[k];
    assert.equal(rowOf(ws, label).getCell(2).value, m.flows[k], label);
  }
  // 年商 = 年間LTV × 稼働顧客数, with the stored numbers.
  const id = rowOf(ws, '年商 = 年間LTV × 稼働顧客数').number + 1;
  const [revenue, ltv, a] = [
    ws.getCell(id, 1).value,
    ws.getCell(id, 3).value,
    ws.getCell(id, 5).value,
  ] as number[];
  assert.equal(revenue, m.annual_revenue);
  assert.ok(Math.abs(ltv * a - revenue) < 1e-6 * revenue);
  assert.equal(ws.views[0].state, 'frozen');
});

test('daily data: the series row by row, header frozen; the list diagnosis compares A(D)', () => {
  const ws = wb.getWorksheet('日次データ')!;
  const s = report.series;
  assert.ok(s.length > 700);
  for (const i of [0, 100, s.length - 1]) {
    const row = ws.getRow(4 + i);
    assert.equal((row.getCell(1).value as Date).toISOString().slice(0, 10), s[i].date);
    assert.equal(row.getCell(2).value, s[i].active_customers);
    assert.equal(row.getCell(3).value, s[i].trailing_revenue);
  }
  assert.deepEqual(ws.views[0], { ...ws.views[0], state: 'frozen', ySplit: 3 });
  const list = wb.getWorksheet('リスト診断')!;
  const d30 = rowOf(list, '30日前');
  const at = s.find((p) => p.date === addDays(AS_OF, -30))!;
  assert.equal(d30.getCell(3).value, at.active_customers);
  assert.equal(val(d30.getCell(4)), report.metrics.active_customers - at.active_customers);
});

test('summary: five tiles with changes, the month rated, every finding with cause and action', () => {
  const ws = wb.getWorksheet('健診サマリー')!;
  const m = report.metrics;
  const tiles = [1, 4, 7, 10, 13].map((c) => [ws.getCell(4, c).value, ws.getCell(5, c).value]);
  assert.deepEqual(tiles, [
    ['稼働顧客数', m.active_customers],
    [`顧客維持率 (n=${m.retention_base.toLocaleString('ja-JP')})`, m.retention_rate],
    ['年間LTV', m.annual_ltv],
    ['年商(顧客)', m.annual_revenue],
    ['一人当り配布回数', m.contacts_per_active],
  ]);
  // Active customers against yesterday (the series), a year before (last year's metrics).
  const yesterday = report.series.find((p) => p.date === addDays(AS_OF, -1))!;
  assert.equal(ws.getCell(6, 1).value, '前日比');
  // The change is a formula over the tile's value and the stored number it is compared with.
  assert.equal(
    (ws.getCell(6, 2).value as { formula: string }).formula,
    `A5-${yesterday.active_customers}`,
  );
  assert.equal(
    val(ws.getCell(8, 2)),
    m.active_customers - report.metrics_prev_year.active_customers,
  );
  assert.match(ws.getCell(8, 2).numFmt, /^"▲ "#,##0;"▼ "#,##0/);
  const down = m.active_customers < report.metrics_prev_year.active_customers;
  assert.equal(ws.getCell(8, 2).font.color?.argb, down ? 'FFC00000' : 'FF1E7B34');
  // Retention changes in points; no stored checkup of yesterday: said so, not invented.
  assert.equal(ws.getCell(6, 5).value, '記録なし');
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
  for (const f of report.findings) {
    assert.ok(texts.includes(f.title.ja), f.id);
    assert.ok(texts.includes(f.cause.ja), f.id);
    assert.ok(texts.includes(f.action.ja), f.id);
  }
  assert.ok(texts.some((t) => t.startsWith('今月の5つの数')));
  assert.ok(texts.some((t) => t.includes('データ期間: ')));
  assert.equal(ws.pageSetup.fitToHeight, 1, 'one page');
});

test('customer diagnosis: flows and churn breakdown equal the report', () => {
  const ws = wb.getWorksheet('業績診断A 顧客')!;
  const churned = rowOf(ws, '離脱');
  assert.equal(churned.getCell(2).value, report.metrics.flows.churned);
  assert.equal(churned.getCell(3).value, report.metrics_prev_year.flows.churned);
  assert.equal(rowOf(ws, '顧客維持率').getCell(2).value, report.metrics.retention_rate);
  const ch = rowOf(ws, '獲得チャネル別');
  const first = report.churn_breakdown.by_channel[0];
  if (first) {
    const r = ws.getRow(ch.number + 2);
    assert.deepEqual(
      [r.getCell(1).value, r.getCell(2).value, r.getCell(3).value, r.getCell(4).value],
      [
        first.value === 'unknown' ? '不明' : channelName(first.value, 'ja'),
        first.base,
        first.churned,
        first.churn_rate,
      ],
    );
  }
  assert.equal(ws.getImages().length, 0, 'no pictures: the charts are native');
});

test('a rate out of too few customers is blank and says so; every rate has its n and interval', async () => {
  // The shop has one well-measured tenure year; a later year of 4 customers, all retained, is
  // the 100 % that must not be shown.
  const min = report.min_rate_base;
  const small = { tenure_year: 3, base: 4, retained: 4, retention_rate: 1, target: null };
  const tenure = [...report.retention_by_tenure, small];
  assert.ok(
    report.retention_by_tenure.some((t) => t.base >= min),
    'a measured year',
  );
  const out = join(dir, 'too-few.xlsx');
  await writeWorkbook({ ...report, retention_by_tenure: tenure }, out);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(out);
  const ws = book.getWorksheet('業績診断A 顧客')!;
  const head = rowOf(ws, '継続年数(年目)');
  const cols = (head.values as unknown[]).map(String);
  const rateCol = cols.indexOf('顧客維持率');
  const evCol = cols.indexOf('根拠(n・95%区間)');
  assert.ok(rateCol > 0 && evCol > 0, `tenure columns: ${cols.join(', ')}`);
  for (const [i, t] of tenure.entries()) {
    const row = ws.getRow(head.number + 1 + i);
    const ev = String(row.getCell(evCol).value);
    if (t.base < min) {
      assert.equal(row.getCell(rateCol).value, null, `year ${t.tenure_year} is blank`);
      assert.equal(ev, `判断するには少なすぎます (n=${t.base})`);
    } else {
      assert.equal(row.getCell(rateCol).value, t.retention_rate);
      assert.match(ev, new RegExp(`^n=${t.base.toLocaleString('ja-JP')} · 95%: \\d`));
    }
  }
  // The retention row of the flows table carries both years' n.
  const ret = rowOf(ws, '顧客維持率');
  assert.match(
    String(ret.getCell(6).value),
    new RegExp(`n=${report.metrics.retention_base.toLocaleString('ja-JP')}`),
  );
});

test('five numbers: each month equals the report, thresholds coloured by conditional formatting', () => {
  const ws = wb.getWorksheet('5つの数')!;
  report.five_numbers_by_month.forEach((m, i) => {
    const r = ws.getRow(4 + i);
    assert.equal(String(r.getCell(1).value).replace(' *', ''), m.month);
    assert.deepEqual(
      [2, 3, 4, 5, 6, 9].map((c) => r.getCell(c).value),
      [
        m.total_customers,
        m.existing_customers,
        m.new_customers,
        m.existing_avg_spend,
        m.new_avg_spend,
        m.revenue,
      ],
    );
  });
  const thr = ws.getRow(4 + report.five_numbers_by_month.length);
  assert.equal(thr.getCell(2).value, report.five_numbers_assessment.thresholds.total_customers);
  assert.ok(cfs(ws).length >= 5);
  const state = rowOf(ws, '既存顧客数', 4 + report.five_numbers_by_month.length + 2);
  assert.equal(
    state.getCell(4).value,
    report.five_numbers_assessment.ratings.existing_customers === 'high'
      ? '多い/高い'
      : '少ない/低い',
  );
});

test('cohorts: the matrices equal the report and are heat-mapped', () => {
  const ws = wb.getWorksheet('コホート')!;
  const c = report.cohorts[0];
  const head = rowOf(ws, 'コホート(初回購入月)');
  const r = ws.getRow(head.number + 1);
  assert.equal(r.getCell(1).value, c.cohort);
  assert.equal(r.getCell(2).value, c.customers);
  assert.equal(r.getCell(3).value, c.cells[0].active_share);
  assert.ok(
    cfs(ws).some((cf: ExcelJS.ConditionalFormattingOptions) => cf.rules[0].type === 'colorScale'),
  );
});

test('findings: one row per finding, most severe first, coloured by severity', () => {
  const ws = wb.getWorksheet('所見')!;
  assert.ok(report.findings.length >= 2, 'the planted decline gives findings');
  report.findings.forEach((f, i) => {
    assert.equal(ws.getCell(4 + i, 2).value, f.title.ja);
    assert.equal(ws.getCell(4 + i, 4).value, f.action.ja);
    assert.equal(ws.getCell(4 + i, 4).alignment.wrapText, true);
    // Each finding names the test it passed (a z-test with its z, or the threshold on a count).
    assert.equal(ws.getCell(3, 7).value, '判定の根拠');
    assert.equal(ws.getCell(4 + i, 7).value, f.test.ja);
    assert.ok(f.test.ja.length > 10);
  });
  assert.equal(cfs(ws)[0].rules.length, 3);
});

test('sections not in the report say "not computed"; present ones are written', () => {
  for (const [key, sheet] of [
    ['purchase', '業績診断B 購買'],
    ['distribution', '業績診断C 配布'],
    ['rfm', 'RFM'],
    ['ladder', 'ラダー'],
    ['asset_audit', '資産性監査'],
    ['projection', '予測'],
  ] as const) {
    const ws = wb.getWorksheet(sheet)!;
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    const missing = texts.some((t) => t.startsWith('この項目はまだ計算されていません'));
    assert.equal(missing, (report as unknown as Record<string, unknown>)[key] === undefined, sheet);
  }
});

test('native charts: chart parts whose series reference the data sheets', async () => {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  assert.equal(zip.file(/^xl\/media\//).length, 0, 'no pictures');
  const refs: string[] = [];
  for (const c of charts) {
    const xml = await zip.file(c)!.async('string');
    assert.match(xml, /<c:ser>/);
    for (const m of xml.matchAll(
      /<c:val><c:numRef><c:f>'([^']+)'!\$[A-Z]+\$\d+:\$[A-Z]+\$\d+<\/c:f>/g,
    ))
      refs.push(m[1]);
  }
  // Summary and list diagnosis read the daily data; each diagnosis chart its own sheet's table.
  assert.ok(charts.length >= 6, `${charts.length} charts`);
  for (const sheet of ['日次データ', '業績診断A 顧客', '5つの数', 'コホート'])
    assert.ok(refs.includes(sheet), `a series reads ${sheet}`);
  assert.match(await zip.file(charts[0])!.async('string'), /<c:numCache>/);
  // Every chart is anchored in a drawing that its sheet references.
  const types = await zip.file('[Content_Types].xml')!.async('string');
  for (const c of charts) assert.ok(types.includes(`PartName="/${c}"`), c);
});

test('data blocks are Excel tables with autofilter; every sheet has its print layout', async () => {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const tables = zip.file(/^xl\/tables\/table\d+\.xml$/);
  assert.ok(tables.length >= 20, `${tables.length} tables`);
  for (const t of tables)
    assert.match(await t.async('string'), /<autoFilter ref="[A-Z]+\d+:[A-Z]+\d+"/);
  const daily = wb.getWorksheet('日次データ')!;
  assert.ok(Object.values((daily as unknown as { tables: object }).tables).length === 1);
  for (const ws of wb.worksheets) {
    const p = ws.pageSetup;
    assert.equal(p.paperSize, 9, ws.name);
    assert.equal(p.fitToPage, true, ws.name);
    assert.equal(p.fitToWidth, 1, ws.name);
    assert.match(ws.headerFooter.oddFooter ?? '', /&P \/ &N/, ws.name);
    assert.match(ws.headerFooter.oddHeader ?? '', /&R基準日 2024-06-15/, ws.name);
  }
  assert.equal(wb.getWorksheet('所見')!.pageSetup.printTitlesRow, '1:3');
  assert.equal(wb.getWorksheet('所見')!.pageSetup.orientation, 'landscape');
});

test('the Japanese book names things in Japanese: no code names, channels and steps translated', () => {
  const code = /\b[a-z]+(_[a-z0-9]+)+\b/;
  // Channel codes as the shop's files spell them, and the word the rules use for none.
  const CODES = new Set(['dm', 'email', 'line', 'sns', 'web', 'search', 'referral', 'unknown']);
  const found: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value;
        if (typeof v === 'string' && (code.test(v) || CODES.has(v)))
          found.push(`${ws.name}!${c.address}: ${v.slice(0, 60)}`);
      }),
    );
  assert.deepEqual(found, []);
  const proj = wb.getWorksheet('予測')!;
  const thisYear = rowOf(proj, '今年');
  assert.ok(Number.isInteger(thisYear.getCell(2).value as number), 'whole customers');
  assert.equal(thisYear.getCell(5).numFmt, '"¥"#,##0');
});

test('English workbook: English sheet names and labels, same numbers', async () => {
  const en = join(dir, 'kenshin-en.xlsx');
  await writeWorkbook(report, en, { lang: 'en', charts: false });
  const w = new ExcelJS.Workbook();
  await w.xlsx.readFile(en);
  assert.deepEqual(
    w.worksheets.map((x) => x.name),
    Object.values(SHEETS).map((p) => p[1]),
  );
  assert.equal(
    rowOf(w.getWorksheet('Overview')!, 'Active customers').getCell(2).value,
    report.metrics.active_customers,
  );
});

test('sections being added to the report (RFM, ladder, purchase, distribution) are written from it', async () => {
  const ctx = { conn: store.conn, asOf: AS_OF, settings: await loadSettings(store.conn) };
  // Computed here the way the checkup will once they are wired into computeCheckup.
  const full: WorkbookReport = {
    ...report,
    rfm: report.rfm ?? (await rfmMetrics(ctx)),
    ladder: report.ladder ?? (await ladderMetrics(ctx)),
    purchase: report.purchase ?? (await purchaseMetrics(ctx)),
    distribution: report.distribution ?? (await distributionMetrics(ctx)),
  };
  const f = join(dir, 'full.xlsx');
  await writeWorkbook(JSON.parse(JSON.stringify(full)) as WorkbookReport, f, { charts: false });
  const w = new ExcelJS.Workbook();
  await w.xlsx.readFile(f);
  const rfm = w.getWorksheet('RFM')!;
  const head = rowOf(rfm, 'R \\ F');
  const cell = full.rfm!.grid.find((g) => g.r_score === 5 && g.f_score === 1)!;
  assert.equal(rfm.getCell(head.number + 1, 2).value, cell.customers);
  const seg = full.rfm!.segments[0];
  assert.equal(rowOf(rfm, seg.name_ja).getCell(2).value, seg.customers);
  const lad = w.getWorksheet('ラダー')!;
  const lv = full.ladder!.levels.find((l) => l.level === 1)!;
  assert.equal(rowOf(lad, '段階').number > 0, true);
  let found = false;
  lad.eachRow((row) => {
    if (!found && row.getCell(1).value === lv.level && row.getCell(2).value === lv.name_ja) {
      assert.equal(row.getCell(3).value, lv.people);
      found = true;
    }
  });
  assert.ok(found, 'ladder level 1.0 row');
  const pur = w.getWorksheet('業績診断B 購買')!;
  assert.equal(rowOf(pur, '購買回数').getCell(2).value, full.purchase!.current.purchases);
  assert.equal(rowOf(pur, '購買回数').getCell(3).value, full.purchase!.previous.purchases);
  const dis = w.getWorksheet('業績診断C 配布')!;
  assert.equal(
    rowOf(dis, '一人当り配布回数', 4).getCell(2).value,
    full.distribution!.contacts_per_active,
  );
  assert.equal(rowOf(dis, 'ジニ係数').getCell(2).value, full.distribution!.gini);
});

test('LibreOffice opens the workbook (converted to PDF)', (t) => {
  const lo = ['libreoffice', 'soffice'].find(
    (b) => spawnSync(b, ['--version'], { stdio: 'ignore' }).status === 0,
  );
  if (!lo) {
    t.skip(
      'libreoffice is not installed (apt-get install libreoffice-calc-nogui); PDF conversion not checked',
    );
    return;
  }
  // A private profile: parallel LibreOffice runs sharing one profile lock each other out.
  const profile = `file://${join(dir, 'lo-profile')}`;
  const r = spawnSync(
    lo,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const pdf = join(dir, 'kenshin.pdf');
  assert.ok(existsSync(pdf), `no PDF: ${r.stderr}`);
  assert.ok(statSync(pdf).size > 50_000, `PDF too small: ${statSync(pdf).size}`);
  const text = readFileSync(pdf, 'latin1');
  assert.ok(text.startsWith('%PDF'));
  const pages = text.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  assert.ok(pages >= 14 && pages <= 25, `one page per sheet at least, at most 25: ${pages}`);
});
