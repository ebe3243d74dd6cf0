// The docs say what the code declares, like Fastify's errors-docs test: every report key, field,
// finding id and report error code is in docs/report.md or docs/diagnoses.md, and nothing is
// documented there that is gone. The report tables are written from the contract
// (node --import tsx scripts/report-docs.ts); the rules and errors tables by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { REPORT_ERROR_CODES, REPORT_KEYS, SECTIONS, fieldsOf } from '../src/report/index.js';
import { withReportTables } from '../src/report/doc-tables.js';
import { RULES } from '../src/domain/diagnosis/catalogue.js';

const read = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');

/** Returns the backticked first cells of the table rows under a `## heading` (to the next `## `). */
function firstCells(docs: string, heading: string): string[] {
  const start = docs.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `no "## ${heading}"`);
  const end = docs.indexOf('\n## ', start + 1);
  const part = docs.slice(start, end < 0 ? undefined : end);
  return [...part.matchAll(/^\|\s*`([^`]+)`\s*\|/gm)].map((m) => m[1]);
}

/** Asserts two lists hold the same names, saying which are missing and which are gone. */
function sameNames(documented: string[], declared: string[], what: string) {
  const missing = declared.filter((x) => !documented.includes(x));
  const gone = documented.filter((x) => !declared.includes(x));
  assert.deepEqual({ missing, gone }, { missing: [], gone: [] }, what);
  assert.equal(new Set(documented).size, documented.length, `${what}: documented twice`);
}

test('docs/report.md: the keys and fields tables are the contract’s', () => {
  const docs = read('report.md');
  assert.equal(docs, withReportTables(docs), 'run: node --import tsx scripts/report-docs.ts');
  sameNames(firstCells(docs, 'Top-level keys'), REPORT_KEYS, 'report keys');
  const fields = SECTIONS.flatMap((s) => fieldsOf(s.schema, s.key).map((f) => f.path));
  const documented = firstCells(docs, 'Fields').filter((p) =>
    SECTIONS.some((s) => p === s.key || p.startsWith(`${s.key}.`) || p.startsWith(`${s.key}[]`)),
  );
  sameNames(documented, fields, 'report fields');
});

test('docs/report.md: every report error code, and no other', () => {
  sameNames(firstCells(read('report.md'), 'Errors'), REPORT_ERROR_CODES, 'report error codes');
});

test('docs/diagnoses.md: every finding id of the rule catalogue, and no other', () => {
  const ids = RULES.flatMap((r) => r.ids);
  sameNames(firstCells(read('diagnoses.md'), 'Rules'), ids, 'finding ids');
});
