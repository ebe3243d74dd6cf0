// The tables of docs/report.md, written from the registry and the field catalogue: the report's
// top-level keys, then every section's fields with their unit, labels and meaning. The docs say
// exactly what the contract declares (test/docs-sync.test.ts fails when they differ); rewrite
// them with `node --import tsx scripts/report-docs.ts`.
import { headerShape } from './header.js';
import { SECTIONS } from './registry.js';
import { fieldsOf, type FieldEntry } from './field.js';
import { REPORT_KEYS } from './report.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const unitText = (f: FieldEntry) => (f.unit === 'rate' && f.n ? `rate of \`${f.n}\`` : f.unit);

/** Returns the table of top-level keys: the header, each section (with its version) and timings. */
export function keysTable(): string {
  const header: Record<string, string> = {
    report_version: 'the contract version the report follows',
    as_of: 'D, `YYYY-MM-DD`',
    computed_at: 'ISO time of computation (UTC)',
    business: '`name`, `timezone`, `currency` from the settings',
    min_rate_base:
      'fewest customers a rate is judged on (`settings.diagnosis.min_rate_base`; since version 3)',
    timings: 'seconds per section',
  };
  const rows = REPORT_KEYS.map((k) => {
    const s = SECTIONS.find((x) => x.key === k);
    if (!s)
      return `| \`${k}\` | ${cell(header[k] ?? '')} | | ${k === 'timings' ? '' : '[fields](#header)'} |`;
    const since = s.since > 1 ? ` (since version ${s.since}; null in a report stored before)` : '';
    return `| \`${k}\` | ${cell(`${s.title.ja} / ${s.title.en}: ${s.doc}${since}`)} | ${'reference' in s ? s.reference : ''} | [fields](#${k}) |`;
  });
  return ['| key | content | reference | |', '|---|---|---|---|', ...rows].join('\n');
}

/** Returns one table of fields (path, unit, Japanese, English, meaning). */
function fieldTable(fields: FieldEntry[]): string {
  return [
    '| field | unit | 日本語 | English | meaning |',
    '|---|---|---|---|---|',
    ...fields.map(
      (f) => `| \`${f.path}\` | ${unitText(f)} | ${cell(f.ja)} | ${cell(f.en)} | ${cell(f.doc)} |`,
    ),
  ].join('\n');
}

/** Returns the field tables: the header's, then each section's under a heading of its key. */
export function fieldTables(): string {
  const header = Object.entries(headerShape).flatMap(([k, s]) => fieldsOf(s, k));
  const parts = ['### header', '', fieldTable(header)];
  for (const s of SECTIONS)
    parts.push(
      '',
      `### ${s.key}`,
      '',
      `${s.title.ja} / ${s.title.en}. ${s.doc}`,
      '',
      fieldTable(fieldsOf(s.schema, s.key)),
    );
  return parts.join('\n');
}

/** Returns `docs` with the text between `<!-- name:start -->` and `<!-- name:end -->` replaced. */
function between(docs: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = docs.indexOf(start);
  const j = docs.indexOf(end);
  if (i < 0 || j < i) throw new Error(`docs/report.md has no ${name} markers`);
  return `${docs.slice(0, i + start.length)}\n${body}\n${docs.slice(j)}`;
}

/** Returns docs/report.md with its generated tables replaced by the current ones. */
export function withReportTables(docs: string): string {
  return between(between(docs, 'report-keys', keysTable()), 'report-fields', fieldTables());
}
