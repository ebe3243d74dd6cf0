// 楽天 RMS import benchmark: 1,000,000 order lines in the 楽天ペイ受注 layout (every column of the
// real export, quoted, CRLF, Shift_JIS — the header is the fixture's own, so the layout is the
// one the preset's test uses), imported with no flags, against the same lines as a canonical
// UTF-8 line-item CSV imported by kenshin in the same run. Target (issue "Real shop exports"):
// ≤ 2× the canonical import, peak RSS < 1.5 GiB. Each side runs twice, the better time counts.
//
// Run alone: node --import tsx bench/import-rakuten.bench.ts [lines]
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import iconv from 'iconv-lite';
import { seeded, timeImport } from './import.bench.js';

const FIXTURE = new URL(
  '../src/ingest/presets/fixtures/rakuten-pay/rakuten-pay-orders.csv',
  import.meta.url,
);

/** Returns the 楽天ペイ受注 header of the preset's fixture (Shift_JIS, quoted). */
function rakutenHeader(): string[] {
  const text = iconv.decode(readFileSync(FIXTURE), 'cp932');
  return text
    .slice(0, text.indexOf('\r\n'))
    .split(',')
    .map((h) => h.replace(/^"|"$/g, ''));
}

const p2 = (n: number) => (n < 10 ? '0' : '') + n;
const SEI = ['佐藤', '鈴木', '髙橋', '田中', '渡辺', '伊藤', '山本', '中村', '小林', '山﨑'];
const MEI = ['太郎', '花子', '一郎', '美咲', '健太', '陽子', '翔', '結衣'];
const ITEMS = [
  ['kome-5kg', '新潟県産コシヒカリ ５ｋｇ', 2980],
  ['tea-100', '静岡煎茶 100g ①', 1080],
  ['soy-1l', '丸大豆しょうゆ 1L', 648],
  ['miso-750', '㈱みそ蔵 合わせ味噌 750g', 864],
] as const;

interface Line {
  order: string;
  customer: number;
  at: string;
  status: string;
  sku: string;
  name: string;
  price: number;
  qty: number;
  total: number;
}

/** Yields `lines` order lines of a seeded shop (1–3 lines an order, 200,000 customers). */
function* shopLines(lines: number): Generator<Line> {
  const rnd = seeded(20241202);
  let n = 0;
  let o = 0;
  while (n < lines) {
    o++;
    const customer = 1 + Math.floor(rnd() * 200_000);
    const y = 2021 + Math.floor(rnd() * 4);
    const at = `${y}-${p2(1 + Math.floor(rnd() * 12))}-${p2(1 + Math.floor(rnd() * 28))} ${p2(Math.floor(rnd() * 24))}:${p2(Math.floor(rnd() * 60))}:00`;
    const status = rnd() < 0.05 ? 'キャンセル確定' : '発送済';
    const k = Math.min(lines - n, 1 + Math.floor(rnd() * 3));
    const picks = Array.from({ length: k }, () => ITEMS[Math.floor(rnd() * ITEMS.length)]);
    const qtys = picks.map(() => 1 + Math.floor(rnd() * 3));
    const total = picks.reduce((s, it, i) => s + it[2] * qtys[i], 0);
    for (const [i, it] of picks.entries()) {
      n++;
      yield {
        order: `338811-${y}0101-${String(o).padStart(10, '0')}`,
        customer,
        at,
        status,
        sku: it[0],
        name: it[1],
        price: it[2],
        qty: qtys[i],
        total,
      };
    }
  }
}

// Writes text chunks through an encoder to a file.
async function writeChunks(
  path: string,
  chunks: Iterable<string>,
  encode: (s: string) => Buffer,
): Promise<number> {
  const out = createWriteStream(path, { highWaterMark: 1 << 20 });
  let buf = '';
  for (const c of chunks) {
    buf += c;
    if (buf.length > 1 << 19) {
      if (!out.write(encode(buf))) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(encode(buf));
  await once(out, 'finish');
  return (await stat(path)).size;
}

/** Writes the lines in the 楽天ペイ受注 layout (Shift_JIS); returns the file size. */
export function writeRakuten(path: string, lines: number): Promise<number> {
  const header = rakutenHeader();
  const at = (h: string) => header.indexOf(h);
  const cols = {
    id: at('注文番号'),
    status: at('ステータス'),
    sub: at('サブステータスID'),
    at: at('注文日時'),
    total: at('合計金額'),
    bill: at('請求金額'),
    sei: at('注文者姓'),
    mei: at('注文者名'),
    t1: at('注文者電話番号1'),
    t2: at('注文者電話番号2'),
    t3: at('注文者電話番号3'),
    mail: at('注文者メールアドレス'),
    sku: at('商品管理番号'),
    name: at('商品名'),
    price: at('単価'),
    qty: at('個数'),
    pref: at('注文者住所都道府県'),
    zip1: at('注文者郵便番号1'),
    zip2: at('注文者郵便番号2'),
  };
  const empty = header.map(() => '""').join(',');
  function* rows(): Generator<string> {
    yield header.map((h) => `"${h}"`).join(',') + '\r\n';
    for (const l of shopLines(lines)) {
      const cells = empty.split(',');
      const c = l.customer;
      const set = (i: number, v: string | number) => (cells[i] = `"${v}"`);
      set(cols.id, l.order);
      set(cols.status, l.status);
      set(cols.at, l.at);
      set(cols.total, l.total);
      set(cols.bill, l.total);
      set(cols.sei, SEI[c % SEI.length]);
      set(cols.mei, MEI[c % MEI.length]);
      set(cols.t1, '090');
      set(cols.t2, String(1000 + (c % 9000)));
      set(cols.t3, String(c).padStart(4, '0').slice(-4));
      set(cols.mail, `${(c * 7919).toString(36)}@pc.fw.rakuten.ne.jp`);
      set(cols.sku, l.sku);
      set(cols.name, l.name);
      set(cols.price, l.price);
      set(cols.qty, l.qty);
      set(cols.pref, '北海道');
      set(cols.zip1, '060');
      set(cols.zip2, '0001');
      yield cells.join(',') + '\r\n';
    }
  }
  return writeChunks(path, rows(), (s) => iconv.encode(s, 'cp932'));
}

/** Writes the same lines as a canonical line-item CSV (UTF-8); returns the file size. */
export function writeCanonical(path: string, lines: number): Promise<number> {
  function* rows(): Generator<string> {
    yield 'order_id,customer_id,ordered_at,amount,status,sku,product_name,quantity,unit_price\n';
    for (const l of shopLines(lines)) {
      const status = l.status === '発送済' ? 'completed' : 'cancelled';
      const key = `np:${SEI[l.customer % SEI.length]}${MEI[l.customer % MEI.length]}`;
      yield `${l.order},${key}-${l.customer},${l.at},${l.total},${status},${l.sku},${l.name},${l.qty},${l.price}\n`;
    }
  }
  return writeChunks(path, rows(), (s) => Buffer.from(s, 'utf8'));
}

/** Runs the benchmark; returns its figures (seconds, file sizes, ratio, peak RSS in MiB). */
export async function benchImportRakuten(
  lines = 1_000_000,
): Promise<Record<string, number | string>> {
  const dir = await mkdtemp(join(tmpdir(), 'kenshin-bench-rakuten-'));
  try {
    const rakuten = join(dir, 'rakuten.csv');
    const canonical = join(dir, 'canonical.csv');
    const rBytes = await writeRakuten(rakuten, lines);
    const cBytes = await writeCanonical(canonical, lines);
    const r: number[] = [];
    const c: number[] = [];
    let last: Awaited<ReturnType<typeof timeImport>> | null = null;
    let lastCanonical: Awaited<ReturnType<typeof timeImport>> | null = null;
    const preset = () => last?.result.preset ?? '-';
    for (let i = 0; i < 2; i++) {
      lastCanonical = await timeImport(dir, canonical, 2 * i);
      c.push(lastCanonical.seconds);
      last = await timeImport(dir, rakuten, 2 * i + 1);
      r.push(last.seconds);
    }
    const stages = (t: Record<string, number> | undefined) =>
      Object.entries(t ?? {})
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    const best = Math.min(...r);
    const base = Math.min(...c);
    return {
      lines,
      rakuten_file_mib: +(rBytes / 2 ** 20).toFixed(1),
      canonical_file_mib: +(cBytes / 2 ** 20).toFixed(1),
      preset: preset(),
      orders: last?.result.tables[0]?.inserted ?? 0,
      rakuten_import_s: +best.toFixed(2),
      rakuten_runs_s: r.map((s) => s.toFixed(2)).join(' / '),
      rakuten_stages_s: stages(last?.timings),
      canonical_import_s: +base.toFixed(2),
      canonical_runs_s: c.map((s) => s.toFixed(2)).join(' / '),
      canonical_stages_s: stages(lastCanonical?.timings),
      ratio_to_canonical: +(best / base).toFixed(2),
      peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lines = process.argv[2] ? Number(process.argv[2]) : undefined;
  console.log(await benchImportRakuten(lines));
}
