// Live segments: built-in and saved definitions, counts, export in both encodings, the audit
// log, and liveness (the export follows the data after the segment was saved).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { memoryStore, insertOrders, exec, type OrderRow } from './fixtures.js';
import { parseSettings } from '../domain/settings.js';
import { addDays } from '../domain/dates.js';
import { CsvFileWriter, type CsvEncoding } from '../outputs/csv-export.js';
import { rfmMetrics } from './metrics/rfm.js';
import { ladderMetrics } from './metrics/ladder.js';
import {
  SegmentFailure,
  exportSegment,
  listSegments,
  saveSegment,
  showSegment,
  deleteSegment,
  renameSegment,
} from './segments.js';

const D = '2024-12-31';
const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const buys = (id: string, daysAgo: number[], amount: number): OrderRow[] =>
  daysAgo.map((n) => ({ customer_id: id, at: addDays(D, -n), amount }));

// Fixed thresholds make the segments obvious: R ≤ 30 → 5 … ≤ 365 → 2; F ≥ 2 → 2, ≥ 3 → 3, ≥ 5 → 4.
// k1 champions (R5 F4) · k2 at_risk (R2 F3, M 30000, 東京都) · k3 at_risk (R1 F3, M 15000, 大阪府) ·
// k4 new (R5 F1) · k5 no purchase (prospect) · k6 anonymised · lead L1 (prospect).
async function shop() {
  const { conn } = await memoryStore();
  await insertOrders(conn, [
    ...buys('k1', [5, 40, 80, 120, 160], 10000),
    ...buys('k2', [200, 230, 260], 10000),
    ...buys('k3', [400, 430, 460], 5000),
    ...buys('k4', [10], 8000),
    ...buys('k6', [10], 8000),
  ]);
  await exec(
    conn,
    `INSERT INTO customers (customer_id, name, email, phone, postal_code, prefecture, acquisition_channel, anonymized_at) VALUES
    ('k1', '佐藤 一郎', 'sato@example.jp', '03-1111-2222', '150-0001', '東京都', 'web', NULL),
    ('k2', '山田 太郎', 'yamada@example.jp', '090-1234-5678', '100-0001', '東京都', 'catalog', NULL),
    ('k3', '髙橋〜花子😀', 'takahashi@example.jp', NULL, '530-0001', '大阪府', 'web', NULL),
    ('k4', 'Lee, "Ann"', 'lee@example.com', NULL, NULL, NULL, NULL, NULL),
    ('k5', '見込 客', 'mikomi@example.jp', NULL, NULL, '東京都', NULL, NULL),
    ('k6', NULL, NULL, NULL, NULL, NULL, NULL, '2024-12-01')`,
  );
  await exec(
    conn,
    `INSERT INTO leads (lead_id, created_at, email) VALUES ('L1', '2024-10-01', 'lead@example.jp')`,
  );
  const settings = parseSettings({ rfm: { method: 'fixed' } });
  return { conn, asOf: D, settings };
}

type Ctx = Awaited<ReturnType<typeof shop>>;

async function exportTo(
  ctx: Ctx,
  name: string,
  encoding: CsvEncoding = 'utf8-bom',
  lang: 'ja' | 'en' = 'ja',
) {
  const d = await mkdtemp(join(tmpdir(), 'kenshin-seg-'));
  dirs.push(d);
  const path = join(d, 'out.csv');
  const out = await exportSegment(ctx, name, await CsvFileWriter.open(path, encoding), {
    lang,
    actor: 'cli:tester',
    file: path,
    encoding,
  });
  const bytes = await readFile(path);
  const text =
    encoding === 'sjis' ? iconv.decode(bytes, 'cp932') : bytes.subarray(3).toString('utf8');
  return { out, path, bytes, lines: text.split('\r\n').filter(Boolean) };
}

test('built-in segments count the same people as the RFM and ladder reports', async () => {
  const ctx = await shop();
  const counts = Object.fromEntries((await listSegments(ctx)).map((s) => [s.name, s.count]));
  assert.deepEqual(
    [counts['rfm:champions'], counts['rfm:at_risk'], counts['rfm:new'], counts['rfm:lost']],
    [1, 2, 1, 0],
  );
  assert.deepEqual(
    [
      counts['ladder:prospect'],
      counts['ladder:first_purchase'],
      counts['ladder:repeat'],
      counts['ladder:loyal'],
      counts['ladder:advocate'],
    ],
    [2, 1, 2, 1, 0], // prospects k5 and L1; k6 (anonymised) is on no list
  );
  // The reports still count k6: anonymising a person must not change the history of numbers.
  const rfm = await rfmMetrics(ctx);
  assert.equal(rfm.segments.find((s) => s.segment === 'new')!.customers, 2);
  const ladder = await ladderMetrics(ctx);
  assert.equal(ladder.levels.find((l) => l.level === 1.0)!.people, 2);
});

test('save, show and list a user segment', async () => {
  const ctx = await shop();
  await saveSegment(ctx.conn, 'vip_risk', {
    from: ['rfm:at_risk'],
    where: { min_m: 30000 },
    description_ja: '高額の離脱危惧',
  });
  const d = await showSegment(ctx, 'vip_risk');
  assert.deepEqual([d.count, d.monetary, d.annual_revenue, d.examples], [1, 30000, 30000, ['k2']]);
  const tokyo = await saveSegment(ctx.conn, '東京の顧客', {
    from: ['all'],
    where: { prefecture: ['東京都'] },
  });
  assert.deepEqual(tokyo.where, { prefecture: ['東京都'] });
  const list = await listSegments(ctx);
  assert.deepEqual(
    list.filter((s) => s.kind === 'saved').map((s) => [s.name, s.count, s.description_ja]),
    [
      ['vip_risk', 1, '高額の離脱危惧'],
      ['東京の顧客', 3, '全員のうち、都道府県が東京都'],
    ],
  );
  const union = await saveSegment(ctx.conn, 'u', {
    from: ['rfm:new', 'ladder:loyal'],
    where: { max_r_days: 30 },
  });
  assert.deepEqual(union.from, ['rfm:new', 'ladder:loyal']);
  assert.equal((await showSegment(ctx, 'u')).count, 2); // k4 and k1
  assert.equal(await deleteSegment(ctx.conn, 'u'), true);
  await assert.rejects(
    showSegment(ctx, 'u'),
    (e: SegmentFailure) => e.error.code === 'segment_not_found',
  );
});

test('rename keeps the definition; a name in use, a missing segment and a bad name are refused', async () => {
  const ctx = await shop();
  await saveSegment(ctx.conn, 'vip_risk', { from: ['rfm:at_risk'], where: { min_m: 30000 } });
  await saveSegment(ctx.conn, 'tokyo', { from: ['all'], where: { prefecture: ['東京都'] } });
  await renameSegment(ctx.conn, 'vip_risk', '高額の離脱危惧');
  const d = await showSegment(ctx, '高額の離脱危惧');
  assert.deepEqual(d.segment.definition.where, { min_m: 30000 });
  assert.equal(d.count, 1);
  await assert.rejects(
    showSegment(ctx, 'vip_risk'),
    (e: SegmentFailure) => e.error.code === 'segment_not_found',
  );
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: SegmentFailure) => e.error.code,
    );
  assert.equal(
    await code(renameSegment(ctx.conn, '高額の離脱危惧', 'tokyo')),
    'segment_name_taken',
  );
  assert.equal(await code(renameSegment(ctx.conn, 'nope', 'x')), 'segment_not_found');
  assert.equal(await code(renameSegment(ctx.conn, 'rfm:at_risk', 'x')), 'segment_not_found');
  assert.equal(await code(renameSegment(ctx.conn, 'tokyo', 'a,b')), 'segment_name_invalid');
  // Nothing else changed: both saved segments are there with their definitions.
  const saved = (await listSegments(ctx)).filter((s) => s.kind === 'saved');
  assert.deepEqual(
    saved.map((s) => [s.name, s.count]),
    [
      ['tokyo', 3],
      ['高額の離脱危惧', 1],
    ],
  );
});

test('invalid definitions are refused with a code', async () => {
  const ctx = await shop();
  const code = (p: Promise<unknown>) =>
    p.then(
      () => 'ok',
      (e: SegmentFailure) => e.error.code,
    );
  assert.equal(
    await code(saveSegment(ctx.conn, 'rfm:mine', { from: ['all'] })),
    'segment_name_invalid',
  );
  assert.equal(
    await code(saveSegment(ctx.conn, 'x', { from: ['rfm:nobody'] })),
    'segment_definition_invalid',
  );
  assert.equal(
    await code(saveSegment(ctx.conn, 'x', { from: ['all'], where: { min_x: 1 } })),
    'segment_definition_invalid',
  );
});

test('export in UTF-8 with BOM: Japanese headers, the members, and an audit log row', async () => {
  const ctx = await shop();
  await saveSegment(ctx.conn, 'vip_risk', { from: ['rfm:at_risk'], where: { min_m: 30000 } });
  const { out, bytes, lines, path } = await exportTo(ctx, 'vip_risk');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.deepEqual(lines, [
    '顧客ID,氏名,メールアドレス,電話番号,郵便番号,都道府県,最終購入からの日数(R),購入回数(F),購入金額(M),RFMセグメント,顧客ラダー,リードID,RFMの区切り',
    'k2,山田 太郎,yamada@example.jp,090-1234-5678,100-0001,東京都,200,3,30000,離脱危惧,1.1,,固定の区切り(設定)',
  ]);
  assert.deepEqual(out, { rows: 1, replaced: 0 });
  const log = (
    await ctx.conn.runAndReadAll(`SELECT actor, action, detail FROM audit_log`)
  ).getRows();
  assert.equal(log.length, 1);
  assert.deepEqual(log[0].slice(0, 2), ['cli:tester', 'export']);
  assert.deepEqual(JSON.parse(String(log[0][2])), {
    segment: 'vip_risk',
    rows: 1,
    file: path,
    as_of: D,
    encoding: 'utf8-bom',
    lang: 'ja',
    replaced_characters: 0,
    rfm_cut_set: {
      basis: 'fixed',
      estimated_as_of: null,
      customers: null,
      cut_points: {
        recency_days: [30, 90, 180, 365],
        frequency: [2, 3, 5, 10],
        monetary: [10000, 30000, 100000, 300000],
      },
    },
  });
});

test('export in Shift_JIS with English headers; prospects and leads on a ladder list', async () => {
  const ctx = await shop();
  const risk = await exportTo(ctx, 'rfm:at_risk', 'sjis', 'en');
  assert.deepEqual(risk.lines, [
    'customer_id,name,email,phone,postal_code,prefecture,recency_days,frequency,monetary,rfm_segment,ladder_level,lead_id,rfm_cut_set',
    'k2,山田 太郎,yamada@example.jp,090-1234-5678,100-0001,東京都,200,3,30000,At risk,1.1,,fixed cuts (settings)',
    'k3,髙橋～花子?,takahashi@example.jp,,530-0001,大阪府,400,3,15000,At risk,1.1,,fixed cuts (settings)',
  ]);
  assert.equal(risk.out.replaced, 1); // the emoji
  const prospects = await exportTo(ctx, 'ladder:prospect', 'utf8-bom', 'en');
  assert.deepEqual(prospects.lines.slice(1), [
    'k5,見込 客,mikomi@example.jp,,,東京都,,,,,0.1,,',
    ',,lead@example.jp,,,,,,,,0.1,L1,',
  ]);
  const fresh = await exportTo(ctx, 'rfm:new', 'utf8-bom', 'en');
  assert.deepEqual(fresh.lines.slice(1), [
    'k4,"Lee, ""Ann""",lee@example.com,,,,10,1,8000,New,1.0,,fixed cuts (settings)',
  ]);
});

test('a segment is live: data added after saving changes the export', async () => {
  const ctx = await shop();
  await saveSegment(ctx.conn, 'vip_risk', { from: ['rfm:at_risk'], where: { min_m: 30000 } });
  assert.equal((await exportTo(ctx, 'vip_risk')).out.rows, 1);
  // k3 bought more long ago (M 15000 → 35000, still at risk); k2 comes back today (R5 F3: potential loyalist).
  await insertOrders(ctx.conn, [
    { order_id: 'n1', customer_id: 'k3', at: addDays(D, -500), amount: 20000 },
    { order_id: 'n2', customer_id: 'k2', at: D, amount: 10000 },
  ]);
  const after2 = await exportTo(ctx, 'vip_risk');
  assert.deepEqual(
    after2.lines.slice(1).map((l) => l.split(',')[0]),
    ['k3'],
  );
  const log = (
    await ctx.conn.runAndReadAll(`SELECT count(*) FROM audit_log WHERE action = 'export'`)
  ).getRows();
  assert.equal(Number(log[0][0]), 2);
});

test('exporting an unknown segment fails cleanly: no file, no audit row', async () => {
  const ctx = await shop();
  const d = await mkdtemp(join(tmpdir(), 'kenshin-seg-'));
  dirs.push(d);
  const sink = await CsvFileWriter.open(join(d, 'x.csv'), 'utf8-bom');
  await assert.rejects(
    exportSegment(ctx, 'nope', sink, {
      lang: 'ja',
      actor: 'cli:tester',
      file: 'x.csv',
      encoding: 'utf8-bom',
    }),
    (e: SegmentFailure) => e.error.code === 'segment_not_found',
  );
  assert.deepEqual(await readdir(d), []);
  const log = (await ctx.conn.runAndReadAll(`SELECT count(*) FROM audit_log`)).getRows();
  assert.equal(Number(log[0][0]), 0);
});

test('a two-phase sink is published only after its audit row; a streamed sink is audited too', async () => {
  const ctx = await shop();
  const auditRows = async () =>
    Number((await ctx.conn.runAndReadAll(`SELECT count(*) FROM audit_log`)).getRows()[0][0]);
  const seen: string[] = [];
  class MemorySink {
    rows: (string | null)[][] = [];
    async writeHeader() {}
    async writeRow(v: readonly (string | null)[]) {
      this.rows.push([...v]);
    }
    async close() {
      seen.push(`close, audit rows ${await auditRows()}`);
      return { rows: this.rows.length, replaced: 0 };
    }
    async abort() {}
  }
  class HeldSink extends MemorySink {
    async finish() {
      seen.push(`finish, audit rows ${await auditRows()}`);
      return { rows: this.rows.length, replaced: 0 };
    }
    async commit() {
      seen.push(`commit, audit rows ${await auditRows()}`);
    }
  }
  const meta = {
    lang: 'en' as const,
    actor: 'api:admin',
    file: 'http:x.csv',
    encoding: 'utf8-bom',
  };
  assert.deepEqual(await exportSegment(ctx, 'rfm:at_risk', new HeldSink(), meta), {
    rows: 2,
    replaced: 0,
  });
  assert.deepEqual(await exportSegment(ctx, 'rfm:new', new MemorySink(), meta), {
    rows: 1,
    replaced: 0,
  });
  assert.deepEqual(seen, ['finish, audit rows 0', 'commit, audit rows 1', 'close, audit rows 1']);
  assert.equal(await auditRows(), 2);
});
