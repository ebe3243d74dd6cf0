// The whole checkup report: the header, every section of the registry in order, and the time
// spent per section. It is stored whole (JSON) and every output — CLI, API, dashboard, workbook
// — reads it back, so a number has one source.
import { z } from 'zod';
import { headerShape } from './header.js';
import { SECTIONS, type DiagnosisSectionKey, type SectionShape } from './registry.js';
import { map } from './field.js';

const sectionShape = Object.fromEntries(
  SECTIONS.map((s) => [s.key, s.since > 1 ? s.schema.nullable() : s.schema]),
) as unknown as SectionShape;

export const checkupReportSchema = z.strictObject({
  ...headerShape,
  ...sectionShape,
  timings: map(
    z.number(),
    '所要時間(秒)',
    'Timings',
    'Seconds spent per section, for the benchmark and the curious.',
  ),
});
export type CheckupReport = z.infer<typeof checkupReportSchema>;

/** The sections by key, as the report holds them. */
export type Sections = Pick<CheckupReport, keyof SectionShape>;

/** What the rules read: the header (without computed_at) and the metrics sections. */
export type DiagnosisInput = Omit<CheckupReport, 'computed_at' | 'timings' | DiagnosisSectionKey>;

/** The top-level keys of the report, in order. */
export const REPORT_KEYS = Object.keys(checkupReportSchema.shape) as (keyof CheckupReport)[];
