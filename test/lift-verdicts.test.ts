// Issue 14, "a rate without its n is a rumour": the workbook's campaign table and the CLI's
// follow-up report show each lift with its n, 95 % interval and verdict, read back from what a
// user gets — the .xlsx (read with exceljs, as workbook.test.ts does) and the CLI's output —
// on small hand-built shops whose counts are known.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { closeStore, openStore } from '../src/store/db.js';
import {
  insertContacts,
  insertOrders,
  type ContactRow,
  type OrderRow,
} from '../src/store/fixtures.js';
import { computeCheckup, loadCheckup, storeCheckup } from '../src/checkup/run.js';
import { loadSettings } from '../src/store/settings-store.js';
import { writeWorkbook } from '../src/outputs/workbook/index.js';
import { saveStep } from '../src/store/followup-store.js';
import { EXAMPLE_STEPS } from '../src/jobs/followup/steps.js';
import { addDays } from '../src/domain/dates.js';
import { kenshin } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'kenshin-lift-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i}`);

test('workbook: the campaign table gives n, the uplift in points, its interval, p and verdict', async () => {
  // Everyone active (bought 2022-12-01). Campaign 'big': t0–t39 mailed 2023-06-01, t0–t15 buy on
  // 06-10; uncontacted in June c0–c59, c0–c11 buy on 06-10 → 16/40 = 40 % against 12/60 = 20 %.
  // Newcombe (python3): +1.97 … +37.44 pt, p 0.029096 → beyond the noise. Campaign 'small':
  // c0–c4 mailed 2023-09-01, nobody buys: 0 of 5 → too few to judge.
  const orders: OrderRow[] = [...ids('t', 40), ...ids('c', 60)].map((c) => ({
    customer_id: c,
    at: '2022-12-01',
    amount: 100,
  }));
  for (const c of [...ids('t', 16), ...ids('c', 12)])
    orders.push({ customer_id: c, at: '2023-06-10', amount: 100 });
  const contacts: ContactRow[] = [
    ...ids('t', 40).map((c) => ({ customer_id: c, at: '2023-06-01', campaign_id: 'big' })),
    ...ids('c', 5).map((c) => ({ customer_id: c, at: '2023-09-01', campaign_id: 'small' })),
  ];
  const store = await openStore(join(dir, 'campaign.duckdb'));
  await insertOrders(store.conn, orders);
  await insertContacts(store.conn, contacts);
  const D = '2023-12-31';
  await storeCheckup(
    store.conn,
    await computeCheckup(store.conn, await loadSettings(store.conn), D),
  );
  const report = (await loadCheckup(store.conn, D))!;
  closeStore(store);
  const file = join(dir, 'lift.xlsx');
  await writeWorkbook(report, file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('業績診断C 配布')!;
  // The campaign table's header row: the columns by name.
  let header = 0;
  for (let r = 1; r <= ws.rowCount && !header; r++)
    if (ws.getCell(r, 1).value === 'キャンペーン') header = r;
  assert.ok(header > 0, 'the campaign table is there');
  const names = (ws.getRow(header).values as unknown[]).slice(1);
  const col = (name: string) => {
    const i = names.indexOf(name);
    assert.ok(i >= 0, `column ${name} in ${names.join(' | ')}`);
    return i + 1;
  };
  const rowOf = (key: string) => {
    for (let r = header + 1; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === key) return r;
    throw new Error(`no campaign row ${key}`);
  };
  const cell = (key: string, name: string) => ws.getCell(rowOf(key), col(name));
  assert.equal(cell('big', '配布顧客(n)').value, 40);
  assert.equal(cell('big', '反応(購入)').value, 16);
  assert.equal(cell('big', '非配布の比較顧客(n)').value, 60);
  const near = (v: unknown, x: number, eps = 1e-4) =>
    assert.ok(typeof v === 'number' && Math.abs(v - x) < eps, `${String(v)} is not ${x}`);
  near(cell('big', '反応率の差(非配布顧客比)').value, 20);
  assert.equal(cell('big', '反応率の差(非配布顧客比)').numFmt, '+0.0" pt";-0.0" pt";0.0" pt"');
  near(cell('big', '95%区間 下限').value, 1.96696);
  near(cell('big', '95%区間 上限').value, 37.43761);
  near(cell('big', 'p値').value, 0.029096, 1e-6);
  assert.equal(cell('big', '判定').value, '差あり(上回る)');
  // Above the tables, what the uplift answers: not a follow-up step's effect.
  const notes = [];
  for (let r = 1; r < header; r++) notes.push(String(ws.getCell(r, 1).value ?? ''));
  assert.ok(
    notes.some(
      (x) =>
        x.includes('施策そのものの効果とは限りません') && x.includes('kenshin followup report'),
    ),
    'the note on what the uplift answers',
  );
  assert.equal(cell('small', '配布顧客(n)').value, 5);
  assert.equal(cell('small', '判定').value, '判断するには少なすぎます');
  // The response rate itself: 40 % from 40 with its interval; from 5, a blank cell (a chart
  // draws no bar) and the words beside it.
  near(cell('big', '反応率').value, 0.4);
  assert.match(String(cell('big', '根拠(n・95%区間)').value), /^n=40 · 95%/);
  assert.equal(cell('small', '反応率').value, null);
  assert.match(
    String(cell('small', '根拠(n・95%区間)').value),
    /^判断するには少なすぎます \(n=5\)/,
  );
  assert.equal(
    report.distribution?.response.by_campaign.find((x) => x.key === 'small')?.uplift_verdict,
    'too_few',
  );
});

test('CLI: followup report prints both groups’ k/n, the lift’s interval, z, p and verdict', async () => {
  // Week of Monday 2024-05-06: 40 got the day-7 thank-you DM, 10 bought again within 30 days
  // of it; 40 did not get it, 18 bought again. Newcombe (python3): −38.6 … +0.9 pt,
  // z −1.875229, p 0.060761 → within the noise.
  const orders: OrderRow[] = [];
  const contacts: ContactRow[] = [];
  for (const [p, k, gets] of [
    ['t', 10, true],
    ['k', 18, false],
  ] as const)
    ids(p, 40).forEach((id, i) => {
      const first = addDays('2024-05-06', i % 5);
      orders.push({ customer_id: id, at: first, amount: 5000 });
      if (i < k) orders.push({ customer_id: id, at: addDays(first, 17), amount: 5000 });
      if (gets)
        contacts.push({
          customer_id: id,
          at: addDays(first, 7),
          channel: 'dm',
          campaign_id: 'thanks-7d',
        });
    });
  const db = join(dir, 'followup.duckdb');
  const store = await openStore(db);
  await insertOrders(store.conn, orders);
  await insertContacts(store.conn, contacts);
  await saveStep(
    store.conn,
    EXAMPLE_STEPS.find((s) => s.id === 'thanks-7d')!,
  );
  closeStore(store);
  const r = kenshin(['--db', db, 'followup', 'report', '--as-of', '2024-09-30']);
  assert.equal(r.status, 0, r.err);
  assert.match(r.out, /ステップあり \/ with step: +10\/40 = 25\.0%/);
  assert.match(r.out, /ステップなし \/ without: +18\/40 = 45\.0%/);
  assert.match(
    r.out,
    /: −20\.0 pt \(95%区間 \/ 95 % interval −38\.6 pt … \+0\.9 pt; z = −1\.88, p = 0\.061\)/,
  );
  assert.match(r.out, /→ 差は誤差の範囲 \/ within noise/);
  assert.doesNotMatch(r.out, /lift -?\d/, 'no bare lift');
  const json = JSON.parse(
    kenshin(['--db', db, 'followup', 'report', '--as-of', '2024-09-30', '--json']).out,
  ) as { step_id: string; verdict: string; lift_low: number; p: number }[];
  assert.equal(json[0].verdict, 'within_noise');
  assert.ok(Math.abs(json[0].p - 0.060761) < 1e-6);
});
