// Reading a stored report of an earlier version as the current one: each step takes a report of
// version v to v + 1. A section a version added is null in a report stored before it ("not
// computed": the checkup of that date has to run again to fill it).
import { REPORT_VERSION } from './header.js';
import { MIN_RATE_BASE } from './format.js';
import { SECTIONS } from './registry.js';

type Json = Record<string, unknown>;

const TEST_NOT_RECORDED = {
  ja: '記録なし(この所見は判定の根拠を記録する前の健診のものです)',
  en: 'not recorded (this finding comes from a checkup before tests were recorded)',
};

/** Extra changes of a step from version v beyond the sections it added (renames, new fields). */
const STEPS: Record<number, (r: Json) => Json> = {
  // 2 → 3: the header names the minimum base rates were judged on (reports before it were
  // computed when only the default existed), and every finding names its test (not recorded
  // before: said so, not invented).
  2: (r) => ({
    ...r,
    min_rate_base: MIN_RATE_BASE,
    findings: Array.isArray(r.findings)
      ? (r.findings as Json[]).map((f) => ({ test: TEST_NOT_RECORDED, ...f }))
      : r.findings,
  }),
};

/** Returns `r` (of version `from`) upgraded to REPORT_VERSION; `r` itself is not changed. */
export function upgradeReport(r: Json, from: number): Json {
  let out: Json = { ...r };
  for (let v = from; v < REPORT_VERSION; v++) {
    for (const s of SECTIONS) if (s.since === v + 1 && !(s.key in out)) out[s.key] = null;
    out = (STEPS[v] ?? ((x: Json) => x))(out);
    out.report_version = v + 1;
  }
  return out;
}
