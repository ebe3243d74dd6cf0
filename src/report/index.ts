// The report contract, the ground floor of kenshin: each section declared once (its zod schema,
// the TypeScript type inferred from it, its fields' catalogue), the header, the finding, the
// errors of reading a stored report, the registry of sections, REPORT_VERSION and parseReport.
// Imports only zod; every other floor (and web/, type-only) imports from here.
export * from './field.js';
export * from './header.js';
export * from './finding.js';
export * from './errors.js';
export * from './registry.js';
export * from './report.js';
export * from './parse.js';
export * from './overview.js';
export * from './format.js';
export * from './catalogue.js';
export * from './sections/data-range.js';
export * from './sections/data-quality.js';
export * from './sections/core.js';
export * from './sections/five-numbers.js';
export * from './sections/series.js';
export * from './sections/tenure.js';
export * from './sections/cohorts.js';
export * from './sections/churn.js';
export * from './sections/rfm.js';
export * from './sections/ladder.js';
export * from './sections/purchase.js';
export * from './sections/distribution.js';
export * from './sections/audit.js';
export * from './sections/mechanisms.js';
export * from './sections/projection.js';
export * from './sections/clv.js';
export * from './sections/assessment.js';
