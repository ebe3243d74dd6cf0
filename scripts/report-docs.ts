// Rewrites the generated tables of docs/report.md from the report contract (src/report):
//   node --import tsx scripts/report-docs.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { withReportTables } from '../src/report/doc-tables.js';

const path = new URL('../docs/report.md', import.meta.url);
writeFileSync(path, withReportTables(readFileSync(path, 'utf8')));
