// parseReport: a stored report (its JSON text or the parsed value) validated against the
// contract of its version and upgraded to the current one, or a ReportError saying why not.
import { checkupReportSchema, type CheckupReport } from './report.js';
import { REPORT_VERSION } from './header.js';
import { ReportError } from './errors.js';
import { upgradeReport } from './upgrade.js';

/** Returns the report of `stored` (JSON text or value) as the current version; throws ReportError. */
export function parseReport(stored: unknown): CheckupReport {
  let value = stored;
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored);
    } catch (err) {
      throw new ReportError('report_not_json', {}, { cause: err });
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ReportError('report_not_json');
  const r = value as Record<string, unknown>;
  const version = r.report_version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    throw new ReportError('report_no_version');
  if (version > REPORT_VERSION) throw new ReportError('report_too_new', { version });
  const parsed = checkupReportSchema.safeParse(
    version < REPORT_VERSION ? upgradeReport(r, version) : r,
  );
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const path = first.path.join('.') || '(root)';
    throw new ReportError(
      'report_invalid',
      { version, path, issue: first.message, issues: parsed.error.issues.length },
      { cause: parsed.error },
    );
  }
  return parsed.data;
}
