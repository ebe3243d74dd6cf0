// The printed workbook of the demo business (`npm start`: 5,000 customers, seed 1), as a person
// gets it: converted to PDF by LibreOffice, it is at most 25 A4 pages, the summary is one page,
// every finding's action is there in full, and no chart is split over two pages. Needs
// LibreOffice (libreoffice-calc-nogui) and pdftotext (poppler-utils); skipped without them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { closeStore, type Store } from '../src/store/db.js';
import { memoryStore } from '../src/store/fixtures.js';
import { loadDemo } from '../src/jobs/demo.js';
import { computeCheckup, storeCheckup, loadCheckup } from '../src/checkup/run.js';
import { loadSettings, saveSettings } from '../src/store/settings-store.js';
import { writeReportWorkbook } from '../src/outputs/workbook/from-store.js';
import type { CheckupReport } from '../src/checkup/report.js';
import { sheetName } from '../src/outputs/workbook/labels.js';

const dir = mkdtempSync(join(tmpdir(), 'kenshin-print-'));
const xlsx = join(dir, 'kenshin-demo.xlsx');
const pdf = join(dir, 'kenshin-demo.pdf');
const soffice = ['soffice', 'libreoffice'].find(
  (b) => spawnSync(b, ['--version'], { stdio: 'ignore' }).status === 0,
);
const pdftotext = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
const missing = !soffice
  ? 'libreoffice is not installed (apt-get install libreoffice-calc-nogui)'
  : !pdftotext
    ? 'pdftotext is not installed (apt-get install poppler-utils)'
    : null;
let store: Store;
let report: CheckupReport;

before(async () => {
  if (missing) return;
  store = await memoryStore();
  await loadDemo(store.conn, { dir: join(dir, 'demo'), customers: 5000, seed: 1 });
  await saveSettings(store.conn, {
    ...(await loadSettings(store.conn)),
    business_name: 'デモ通販 (demo)',
  });
  const { lastOrderDate } = await import('../src/checkup/run.js');
  const asOf = (await lastOrderDate(store.conn))!;
  await storeCheckup(
    store.conn,
    await computeCheckup(store.conn, await loadSettings(store.conn), asOf),
  );
  report = (await loadCheckup(store.conn, asOf))!;
  await writeReportWorkbook(store.conn, report, xlsx, { lang: 'ja' });
  // A private profile: parallel LibreOffice runs sharing one profile lock each other out.
  const r = spawnSync(
    soffice!,
    [
      `-env:UserInstallation=file://${join(dir, 'lo')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      xlsx,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(r.status, 0, r.stderr);
});

after(() => {
  if (store) closeStore(store);
  rmSync(dir, { recursive: true, force: true });
});

/** Returns the PDF's page count. */
function pageCount(): number {
  return readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
}

/** Returns the text of page p (1-based), in the order it was drawn. */
function pageText(p: number): string {
  return spawnSync('pdftotext', ['-raw', '-f', String(p), '-l', String(p), pdf, '-'], {
    encoding: 'utf8',
  }).stdout;
}

/** Returns the lines of each page with their top y: words on one baseline joined without spaces. */
function pageLines(): { page: number; y: number; text: string }[][] {
  const xml = spawnSync('pdftotext', ['-bbox', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  }).stdout;
  return xml
    .split('<page ')
    .slice(1)
    .map((chunk, i) => {
      const words = [
        ...chunk.matchAll(
          /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
        ),
      ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), y2: Number(m[3]), t: decode(m[4]) }));
      words.sort((a, b) => a.y - b.y || a.x - b.x);
      const lines: { page: number; y: number; text: string }[] = [];
      for (const w of words) {
        const last = lines[lines.length - 1];
        if (last && Math.abs(last.y - w.y) < 3) last.text += w.t;
        else lines.push({ page: i + 1, y: w.y, text: w.t });
      }
      return lines;
    });
}

/** Returns XML text unescaped. */
function decode(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

test('the demo workbook prints on at most 25 A4 pages, the summary on one', (t) => {
  if (missing) return t.skip(missing);
  const pages = pageCount();
  assert.ok(pages <= 25, `${pages} pages`);
  // Each page's header names its sheet: page 1 is the summary, page 2 already the next sheet.
  assert.match(pageText(1), new RegExp(sheetName('summary', 'ja')));
  assert.match(pageText(2), new RegExp(sheetName('overview', 'ja')));
  assert.doesNotMatch(pageText(2), new RegExp(sheetName('summary', 'ja')));
  t.diagnostic(`${pages} pages`);
});

test('the PDF holds every finding with its cause and its action in full', (t) => {
  if (missing) return t.skip(missing);
  assert.ok(report.findings.length > 0, 'the demo business has findings');
  const summary = squeeze(pageText(1));
  let all = '';
  for (let p = 1; p <= pageCount(); p++) all += squeeze(pageText(p));
  for (const f of report.findings) {
    assert.ok(summary.includes(squeeze(f.action.ja)), `summary page: action of ${f.id}`);
    assert.ok(summary.includes(squeeze(f.cause.ja)), `summary page: cause of ${f.id}`);
    assert.ok(all.includes(squeeze(f.title.ja)), `title of ${f.id}`);
  }
});

test('no chart is split over two pages: each chart title has its legend below it on the same page', async (t) => {
  if (missing) return t.skip(missing);
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
  assert.ok(charts.length >= 7, `${charts.length} charts`);
  const lines = pageLines().flat();
  for (const c of charts) {
    const xml = await zip.file(c)!.async('string');
    const title = squeeze(decode(/<a:t>([^<]*)<\/a:t>/.exec(xml)![1]));
    // Legend entries: the cached names of the visible series.
    const names = [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/g)]
      .filter((m) => !m[1].includes('<c:spPr><a:noFill/>'))
      .map((m) => squeeze(decode(/<c:tx>.*?<c:v>([^<]*)<\/c:v>/.exec(m[1])![1])));
    const titled = lines.filter((l) => l.text.includes(title));
    assert.ok(titled.length, `chart title "${title}" not in the PDF`);
    const whole = titled.some((tl) =>
      names.every((n) => lines.some((l) => l.page === tl.page && l.y > tl.y && l.text.includes(n))),
    );
    assert.ok(whole, `chart "${title}" (${names.join(', ')}) is split or cut`);
  }
});
