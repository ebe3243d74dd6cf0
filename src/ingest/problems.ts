// What stands between a file and a correct import, all at once: ambiguous and missing columns
// (from the plan), status words nobody knows (with their counts), unmapped columns that look like
// a status, an e-mail, a customer id or an amount, and a file of mostly guests. Each problem says
// what would fix it; the dry run ends with one command line that applies every fix. Pure.
import type { EntityName } from './entities.js';
import type { MappedColumn } from './headers.js';
import { normaliseHeader } from './headers.js';
import type { ImportPlan } from './plan.js';

export type ProblemCode =
  'ambiguous_column' | 'missing_column' | 'unknown_status' | 'suspicious_column' | 'guests';

export interface ImportProblem {
  code: ProblemCode;
  /** Japanese / English. */
  message: string;
  /** True when the import cannot store the file as it is. */
  blocking: boolean;
  /** Command-line arguments that would fix it (e.g. ['--map', '注文者メール=email']). */
  fix?: string[];
  /** The field concerned (ambiguous, suspicious), the columns (ambiguous, suspicious), the fields missing. */
  field?: string;
  columns?: string[];
  fields?: string[];
  /** Unknown status words with their counts. */
  words?: { word: string; count: number }[];
}

// What an unmapped header looks like, by words in it (folded).
const LOOKS: { field: string; words: RegExp }[] = [
  { field: 'status', words: /ステータス|状態|状況|区分|取消|キャンセル|status|state/ },
  { field: 'email', words: /メールアドレス$|^(e)?mail(address)?$|emailaddress$|^メール$/ },
  {
    field: 'customer_id',
    words: /^(顧客|会員|購入者|customer|member|buyer)(id|番号|コード|no|code)$/,
  },
  { field: 'amount', words: /金額|合計|総額|請求|売上|価格|total|amount|price|sales/ },
];

/** Returns the problems of the plan itself (ambiguous and missing columns). */
export function planProblems(plan: ImportPlan): ImportProblem[] {
  return plan.problems.map((p) => ({
    code: p.code,
    message: p.message,
    blocking: true,
    fix: p.fix ? ['--map', p.fix] : undefined,
    field: p.field,
    columns: p.columns,
    fields: p.fields,
  }));
}

/** Returns the unmapped columns that look like a field the import reads, as problems (not blocking). */
export function suspiciousColumns(plan: ImportPlan): ImportProblem[] {
  const out: ImportProblem[] = [];
  const suggested = new Set<string>();
  const mapped = (f: string) => plan.fields.some((s) => s.name === f) || suggested.has(f);
  for (const c of plan.mapping.columns) {
    if (!isIgnored(c)) continue;
    const h = normaliseHeader(c.header);
    const look = LOOKS.find((l) => l.words.test(h));
    if (!look || !applies(plan.entity, look.field)) continue;
    // A preset chose its amount among several on purpose (docs/import-formats.md says which).
    if (look.field === 'amount' && plan.preset) continue;
    const key = look.field === 'customer_id' || look.field === 'email';
    if (key && plan.customerKey.rule !== 'none') continue;
    if (look.field === 'status' && mapped('status')) continue;
    out.push({
      code: 'suspicious_column',
      message: `列「${c.header}」は ${look.field} のようですが読んでいません / column "${c.header}" looks like ${look.field} but is not read`,
      blocking: false,
      field: look.field,
      columns: [c.header],
      // One suggestion per field: the first such column (the user may choose another).
      fix: mapped(look.field) ? undefined : ['--map', `${c.header}=${look.field}`],
    });
    suggested.add(look.field);
  }
  return out;
}

function isIgnored(c: MappedColumn): boolean {
  return c.field === null && c.via === 'ignored' && !c.note && c.header.trim() !== '';
}

function applies(entity: EntityName, field: string): boolean {
  if (field === 'status' || field === 'amount')
    return entity === 'orders' || entity === 'order-items';
  return entity === 'orders' || entity === 'order-items' || entity === 'contacts';
}

/** Returns the stored status a word most likely means, for the suggested --status (the user checks it). */
export function guessStatus(word: string): 'completed' | 'cancelled' | 'returned' {
  const w = word.normalize('NFKC').toLowerCase();
  if (/キャンセル|取消|取り消し|cancel|void|無効|失効/.test(w)) return 'cancelled';
  if (/返品|返金|return|refund/.test(w)) return 'returned';
  return 'completed';
}

/** Returns the problem of unknown status words (word and count), with a --status guess for each. */
export function unknownStatusProblem(
  words: { word: string; count: number }[],
): ImportProblem | null {
  if (words.length === 0) return null;
  const list = words.map((w) => `「${w.word}」× ${w.count}`).join(', ');
  return {
    code: 'unknown_status',
    message:
      `不明なステータス: ${list}。--status "語=completed|cancelled|returned" で指定してください / ` +
      `unknown status words: ${list}; set each with --status "word=completed|cancelled|returned"`,
    blocking: true,
    fix: words.flatMap((w) => ['--status', `${w.word}=${guessStatus(w.word)}`]),
    words,
  };
}

/** Returns the problem of a file whose orders are mostly guests (no customer key). */
export function guestProblem(
  guests: number,
  total: number,
  plan: ImportPlan,
  candidates: ImportProblem[],
): ImportProblem {
  const pct = ((guests / total) * 100).toFixed(0);
  const hint = candidates
    .filter((c) => c.fix?.[1]?.endsWith('=email') || c.fix?.[1]?.endsWith('=customer_id'))
    .map((c) => c.fix![1]);
  const key =
    plan.customerKey.rule === 'none'
      ? '顧客の列が見つかりません / no customer column was found'
      : `顧客キー / customer key: ${plan.customerKey.headers.join(' + ')}`;
  return {
    code: 'guests',
    message:
      `${total} 件の注文のうち ${guests} 件 (${pct}%) に顧客がありません（${key}）。顧客の列を --map "列=customer_id" か "列=email" で指定するか、` +
      `ゲスト注文として取り込むなら --allow-guests / ${guests} of ${total} orders (${pct}%) have no customer. Map the customer column ` +
      `(--map "column=customer_id" or "column=email"${hint.length ? `, e.g. --map "${hint[0]}"` : ''}), or confirm guest orders with --allow-guests`,
    blocking: true,
    fix: hint.length ? ['--map', hint[0]] : ['--allow-guests'],
  };
}

/** Returns one command line, ready to copy, with the request's own flags and every fix. */
export function suggestedCommand(entity: EntityName, file: string, args: string[]): string {
  return ['kenshin', 'import', entity, file, ...args].map(quote).join(' ');
}

function quote(arg: string): string {
  return /^[\w./:@%+=,-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\$`])/g, '\\$1')}"`;
}
