// The field catalogue as plain data, keyed by path (`purchase.overdue.current.overdue_active`):
// what the dashboard needs to label and format a number without bundling zod. The dashboard's
// build (web/report-catalogue.ts, a Vite plugin) serialises it into a virtual module.
import { fieldsOf, type FieldMeta } from './field.js';
import { headerShape } from './header.js';
import { checkupReportSchema } from './report.js';
import { SECTIONS } from './registry.js';

/** A field's entry as the dashboard reads it (the doc line is left to docs/report.md). */
export type FieldLabel = Omit<FieldMeta, 'doc'>;

/** Returns every field of the report (header, sections, timings) by path. */
export function fieldCatalogue(): Record<string, FieldLabel> {
  const entries = [
    ...Object.entries(headerShape).flatMap(([k, s]) => fieldsOf(s, k)),
    ...SECTIONS.flatMap((s) => fieldsOf(s.schema, s.key)),
    ...fieldsOf(checkupReportSchema.shape.timings, 'timings'),
  ];
  return Object.fromEntries(
    entries.map(({ path, unit, ja, en, n }) => [
      path,
      n === undefined ? { unit, ja, en } : { unit, ja, en, n },
    ]),
  );
}
