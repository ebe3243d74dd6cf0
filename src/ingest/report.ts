// Text for people: the one-line summary, the error report and the dry-run description of an
// ImportResult. Pure functions; the CLI prints them.
import { basename } from 'node:path';
import type { ImportResult } from './import.js';
import { reasonText } from './reasons.js';

const n = (x: number) => x.toLocaleString('en-US');

/** Returns the columns not read into any field, with why ("" when none). */
export function ignoredLine(r: ImportResult): string {
  const ignored = r.mapping.filter(
    (c) => c.field === null && c.via === 'ignored' && c.header.trim() !== '',
  );
  if (ignored.length === 0) return '';
  return `取り込まない列 / ignored columns: ${ignored.map((c) => (c.note ? `${c.header} (${c.note})` : c.header)).join(', ')}`;
}

const KEY_RULES: Record<string, string> = {
  id: '顧客IDの列 / the customer id column',
  email: 'メールアドレス（正規化）/ the e-mail, normalised',
  email_or_name_phone: 'メールアドレス、なければ氏名+電話番号 / the e-mail, else name + phone',
  name_phone: '氏名+電話番号 / name + phone',
  none: 'なし（すべてゲスト）/ none (all guests)',
};

/** Returns the lines saying which system the file is from, how customers are keyed, what was skipped. */
export function detectionLines(r: ImportResult): string[] {
  const lines: string[] = [];
  if (r.presetLabel) lines.push(`形式 / export: ${r.presetLabel.ja} / ${r.presetLabel.en}`);
  if (r.entity === 'orders' || r.entity === 'order-items' || r.entity === 'contacts') {
    const cols = r.customerKey.headers.length ? ` — ${r.customerKey.headers.join(' + ')}` : '';
    lines.push(`顧客キー / customer key: ${KEY_RULES[r.customerKey.rule]}${cols}`);
  }
  if (r.guestOrders && r.guestOrders.guests > 0)
    lines.push(
      `ゲスト注文 / guest orders: ${n(r.guestOrders.guests)} / ${n(r.guestOrders.orders)} (${((r.guestOrders.guests / r.guestOrders.orders) * 100).toFixed(1)}%)`,
    );
  if (r.rowsSkipped)
    lines.push(
      `読み飛ばした行 / rows skipped: ${n(r.rowsSkipped)}${r.skipReason ? ` (${r.skipReason.ja} / ${r.skipReason.en})` : ''}`,
    );
  return lines;
}

/** Returns every problem of the import and the command line that fixes them ("" when none). */
export function problemReport(r: ImportResult): string {
  if (r.problems.length === 0) return '';
  const lines = [`問題 / problems (${r.problems.length}):`];
  for (const p of r.problems) lines.push(`  ${p.blocking ? '✖' : '△'} ${p.message}`);
  if (r.command) lines.push('修正したコマンド / command with the fixes:', `  ${r.command}`);
  return lines.join('\n');
}

/**
 * Returns where the data was read from: the header row (and whether it was found below a title),
 * the sheet of an .xlsx, and the shape of a wide sheet (channel × months).
 */
export function sourceLine(r: ImportResult): string {
  const ja = [`見出し行: ${r.headerRow} 行目${r.headerDetected ? '（自動検出）' : ''}`];
  const en = [`header row: ${r.headerRow}${r.headerDetected ? ' (found below the title)' : ''}`];
  if (r.sheet !== undefined) {
    ja.push(`シート: ${r.sheet}`);
    en.push(`sheet: ${r.sheet}`);
  }
  if (r.wide) {
    const m = r.wide.months;
    const span = m.length > 1 ? `${m[0]}〜${m[m.length - 1]}` : m[0];
    ja.push(`月ごとの列の表: ${r.wide.label || '媒体'} × ${m.length} か月（${span}）`);
    en.push(`wide sheet: ${r.wide.label || 'channel'} × ${m.length} months (${span})`);
  }
  return `${ja.join('、')} / ${en.join(', ')}`;
}

/** Returns the one-line summary of a finished import (rows read, stored, rejected, new vs updated, time). */
export function summaryLine(r: ImportResult): string {
  const tables = r.tables
    .map((t) =>
      // Line tables are compared per order: say how many lines were written, for which orders.
      t.table === 'order_items'
        ? `${t.table}: ${n(t.rowsWritten)} lines written for ${n(t.inserted)} new and ${n(t.updated)} changed orders, ${n(t.unchanged)} orders unchanged`
        : `${t.table}: ${n(t.inserted)} new, ${n(t.updated)} updated, ${n(t.unchanged)} unchanged`,
    )
    .join('; ');
  const parts = [
    `read ${n(r.rowsRead)} rows`,
    `stored ${n(r.rowsStored)}${tables ? ` (${tables})` : ''}`,
  ];
  if (r.rowsCollapsed) parts.push(`${n(r.rowsCollapsed)} exact repeats collapsed`);
  parts.push(`rejected ${n(r.rowsRejected)}${r.rejectFile ? ` → ${r.rejectFile}` : ''}`);
  if (r.rowsSkipped) parts.push(`skipped ${n(r.rowsSkipped)}`);
  return `取り込み完了 / imported ${basename(r.file)} as ${r.entity}: ${parts.join(', ')}; ${r.seconds.toFixed(1)} s`;
}

/** Returns the error report of an import stopped by invalid rows (file, row, column, value, reason). */
export function errorReport(r: ImportResult): string {
  const v = r.validation;
  const file = basename(r.file);
  // With --reject-file, only an import whose every row is invalid ends here.
  const head = r.rejectFile
    ? `全 ${n(v.badRows)} 行が不正のため何も取り込んでいません（不正な行は ${r.rejectFile} に書き出しました） / all ${n(v.badRows)} rows are invalid; nothing was stored (they are in ${r.rejectFile} with their reasons).`
    : `${n(v.badRows)} 行が不正のため何も取り込んでいません / ${n(v.badRows)} invalid rows; nothing was stored.`;
  const lines = [
    head,
    ...v.errors.map(
      (e) =>
        `  ${file} 行/row ${e.row}, 列/column「${e.column}」, 値/value ${JSON.stringify(e.value ?? '')}: ${e.message}`,
    ),
  ];
  const listed = v.errors.length;
  const total = v.counts.reduce((s, c) => s + c.count, 0);
  if (total > listed)
    lines.push(`  … ほか ${n(total - listed)} 件 / and ${n(total - listed)} more`);
  if (v.counts.length > 1 || total > listed) {
    lines.push('  内訳 / by column and reason:');
    for (const c of v.counts.slice(0, 10))
      lines.push(
        `    「${c.column}」 ${reasonText(c.code, c.column).split(' / ')[1]}: ${n(c.count)}`,
      );
  }
  if (!r.rejectFile)
    lines.push(
      '  不正な行を別ファイルに書き出して残りを取り込むには --reject-file PATH / to store the valid rows and write the others to a file: --reject-file PATH',
    );
  return lines.join('\n');
}

/** Returns the dry-run description: detected format, mapping, and the first rows as they will be stored. */
export function dryRunReport(r: ImportResult): string {
  const delim = r.delimiter === '\t' ? 'TAB' : JSON.stringify(r.delimiter);
  const format =
    r.format === 'xlsx'
      ? `xlsx (sheet "${r.sheet}")`
      : `${r.gzip ? 'gzip, ' : ''}${r.encoding}${r.bom ? ' with BOM' : ''}, delimiter ${delim}`;
  const lines = [
    `試行（何も保存していません）/ dry run (nothing stored): ${basename(r.file)} as ${r.entity}${r.preset ? ` [${r.preset}]` : ''}, mode ${r.mode}`,
    `  形式 / format: ${format}; ${n(r.rowsRead)} rows`,
    `  ${sourceLine(r)}`,
    ...detectionLines(r).map((l) => `  ${l}`),
    '  対応 / mapping:',
    ...r.mapping.map(
      (c) =>
        `    ${c.header || '(empty header)'} → ${c.field ?? (c.via === 'attribute' ? 'attributes' : `(ignored${c.note ? `: ${c.note}` : ''})`)}${c.via === 'map' ? '  [--map]' : ''}`,
    ),
  ];
  for (const p of r.preview) {
    lines.push(
      `  ${p.table}: 保存される最初の ${p.rows.length} 行 / first ${p.rows.length} rows as stored`,
    );
    lines.push(...table(p.columns, p.rows).map((l) => `    ${l}`));
  }
  const problems = problemReport(r);
  if (problems) lines.push(...problems.split('\n').map((l) => `  ${l}`));
  if (r.problems.some((p) => p.blocking && p.code !== 'unknown_status')) return lines.join('\n');
  lines.push(
    r.validation.badRows === 0
      ? `  不正な行はありません / no invalid rows (${n(r.rowsRead - r.rowsCollapsed)} rows would be stored)`
      : errorReport(r).replace('nothing was stored', 'the import would store nothing'),
  );
  return lines.join('\n');
}

function table(columns: string[], rows: (string | null)[][]): string[] {
  const cells = [columns, ...rows.map((r) => r.map((v) => (v === null ? '∅' : v)))];
  const widths = columns.map((_, i) =>
    Math.min(24, Math.max(...cells.map((r) => width(r[i] ?? '')))),
  );
  return cells.map((r) =>
    r
      .map((v, i) => pad(clip(v ?? '', widths[i]), widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

// East Asian wide characters take two columns on a terminal.
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

function clip(s: string, w: number): string {
  if (width(s) <= w) return s;
  let out = '';
  for (const ch of s) {
    if (width(out + ch) > w - 1) break;
    out += ch;
  }
  return out + '…';
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}
