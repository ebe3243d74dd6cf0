// parseReport reads every stored report: today's version byte for byte, an earlier one upgraded
// (the sections added since are null, everything else as stored), and anything else refused
// with a stable code. The fixtures are real stored reports (scripts/report-fixture.ts); v1 was
// written by kenshin before the report contract (commit 26cca9e); v2 before the clv section.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseReport } from './parse.js';
import { REPORT_VERSION } from './header.js';
import { ReportError, type ReportErrorCode } from './errors.js';
import { SECTIONS } from './registry.js';
import { responseEvidenceStep } from './upgrade.js';

const fixture = (v: number) =>
  readFileSync(new URL(`./fixtures/report-v${v}.json`, import.meta.url), 'utf8').trim();

/** Returns the code of the ReportError `fn` throws. */
function codeOf(fn: () => unknown): ReportErrorCode {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ReportError, String(err));
    return err.code;
  }
  assert.fail('no error');
}

test('a stored report of today’s version parses to exactly what was stored', () => {
  const text = fixture(REPORT_VERSION);
  const r = parseReport(text);
  assert.equal(r.report_version, REPORT_VERSION);
  // Same keys, same order, nothing stripped or added: the schema is the stored shape.
  assert.equal(JSON.stringify(r), JSON.stringify(JSON.parse(text)));
  assert.deepEqual(parseReport(JSON.parse(text)), r);
});

test('a version 1 report (before data_quality and clv) is upgraded: those null, the rest as stored', () => {
  const text = fixture(1);
  const stored = JSON.parse(text) as Record<string, unknown>;
  const r = parseReport(text);
  assert.equal(r.report_version, REPORT_VERSION);
  assert.equal(r.data_quality, null);
  assert.equal(r.clv, null);
  // Version 3 added the uplift's evidence to the distribution rows, null when upgraded.
  const evidenced = responseEvidenceStep(stored);
  for (const s of SECTIONS.filter((x) => x.since === 1 && x.key !== 'findings' && x.key !== 'rfm'))
    assert.deepEqual(r[s.key], evidenced[s.key], s.key);
  // The RFM section of a report before version 3 says which cuts it was scored with: D's own.
  const { cut_set, ...rfm } = r.rfm!;
  assert.deepEqual(rfm, stored.rfm);
  assert.equal(cut_set?.basis, 'as_of');
  // Findings stored before version 3 keep every field and say their test was not recorded.
  const findings = stored.findings as Record<string, unknown>[];
  assert.ok(findings.length > 0, 'the fixture has findings');
  assert.deepEqual(
    r.findings.map(({ test, ...f }) => (assert.match(test.en, /^not recorded/), f)),
    findings,
  );
  assert.deepEqual(
    Object.keys(r).sort(),
    [...Object.keys(stored), 'data_quality', 'clv', 'min_rate_base'].sort(),
    'only the added sections and the version-3 header field are new',
  );
  assert.equal(stored.report_version, 1, 'the stored value is not changed');
});

test('a version 2 report (before clv) is upgraded: clv null, min_rate_base 30, the rest as stored', () => {
  const text = fixture(2);
  const stored = JSON.parse(text) as Record<string, unknown>;
  assert.equal(stored.report_version, 2);
  assert.ok(!('clv' in stored) && !('min_rate_base' in stored));
  const r = parseReport(text);
  assert.equal(r.report_version, REPORT_VERSION);
  assert.equal(r.clv, null);
  assert.equal(r.min_rate_base, 30);
  const evidenced = responseEvidenceStep(stored);
  for (const s of SECTIONS.filter((x) => x.since <= 2 && x.key !== 'findings' && x.key !== 'rfm'))
    assert.deepEqual(r[s.key], evidenced[s.key], s.key);
  assert.deepEqual(
    Object.keys(r).sort(),
    [...Object.keys(stored), 'clv', 'min_rate_base'].sort(),
    'only clv and min_rate_base are new',
  );
});

test('a version 3 report (before the P(alive) matrix) reads as stored, but for its version', () => {
  const text = fixture(3);
  const stored = JSON.parse(text) as Record<string, unknown>;
  assert.equal(stored.report_version, 3);
  const r = parseReport(text);
  assert.deepEqual(r, { ...stored, report_version: REPORT_VERSION });
});

test('an older version-1 shape from before the later sections (commit bbaf7ee) is refused by name', () => {
  const old = JSON.parse(fixture(1)) as Record<string, unknown>;
  for (const k of [
    'data_range',
    'churn_breakdown',
    'rfm',
    'ladder',
    'purchase',
    'distribution',
    'asset_audit',
    'mechanisms',
    'projection',
    'five_numbers_assessment',
  ])
    delete old[k];
  try {
    parseReport(old);
    assert.fail('parsed');
  } catch (err) {
    assert.ok(err instanceof ReportError);
    assert.equal(err.code, 'report_invalid');
    assert.equal(err.details.path, 'data_range');
    assert.match(err.en, /report version 1\).*\(data_range\).*run the checkup again/);
    assert.match(err.ja, /健診を実行し直してください/);
  }
});

test('what is not a report of a known version is refused with its code', () => {
  const good = JSON.parse(fixture(REPORT_VERSION)) as Record<string, unknown>;
  assert.equal(
    codeOf(() => parseReport('{"report_version": 2, ')),
    'report_not_json',
  );
  assert.equal(
    codeOf(() => parseReport('[1, 2]')),
    'report_not_json',
  );
  assert.equal(
    codeOf(() => parseReport({ ...good, report_version: undefined })),
    'report_no_version',
  );
  assert.equal(
    codeOf(() => parseReport({ ...good, report_version: '2' })),
    'report_no_version',
  );
  assert.equal(
    codeOf(() => parseReport({ ...good, report_version: REPORT_VERSION + 1 })),
    'report_too_new',
  );
  const metrics = good.metrics as Record<string, unknown>;
  const cases: [string, Record<string, unknown>][] = [
    ['metrics.unknown_field', { ...good, metrics: { ...metrics, unknown_field: 1 } }],
    ['metrics.active_customers', { ...good, metrics: { ...metrics, active_customers: '30' } }],
    ['metrics.active_customers', { ...good, metrics: { ...metrics, active_customers: 1.5 } }],
    ['as_of', { ...good, as_of: '31/12/2024' }],
    ['rfm', { ...good, rfm: undefined }],
    ['data_quality', { ...good, data_quality: undefined }],
    ['clv', { ...good, clv: undefined }],
    ['clv.status', { ...good, clv: { ...(good.clv as object), status: 'maybe' } }],
  ];
  for (const [path, bad] of cases) {
    try {
      parseReport(bad);
      assert.fail(`${path}: parsed`);
    } catch (err) {
      assert.ok(
        err instanceof ReportError && err.code === 'report_invalid',
        `${path}: ${String(err)}`,
      );
      assert.equal(
        String(err.details.path).startsWith(path.split('.')[0]),
        true,
        `${path}: ${err.details.path}`,
      );
    }
  }
});
