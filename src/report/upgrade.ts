// Reading a stored report of an earlier version as the current one: each step takes a report of
// version v to v + 1. A section a version added is null in a report stored before it ("not
// computed": the checkup of that date has to run again to fill it).
import { REPORT_VERSION } from './header.js';
import { MIN_RATE_BASE } from './format.js';
import { SECTIONS } from './registry.js';

type Json = Record<string, unknown>;

/** The fields version 3 added to every response row of the distribution section: the uplift's evidence. */
const RESPONSE_EVIDENCE_V3 = [
  'control_customers',
  'control_effective_n',
  'uplift_low',
  'uplift_high',
  'uplift_z',
  'uplift_p',
  'uplift_verdict',
] as const;

/**
 * Returns a version 2 report with the uplift's evidence of each response row null ("not
 * computed": a stored v2 report never had it, and a verdict must not be invented), each row's
 * keys in the schema's order (after uplift).
 */
export function responseEvidenceStep(r: Json): Json {
  const d = r.distribution as Json | null | undefined;
  if (!d || typeof d !== 'object' || !d.response) return r;
  const response = d.response as Json;
  const row = (x: Json): Json => {
    const out: Json = {};
    for (const [k, v] of Object.entries(x)) {
      out[k] = v;
      if (k === 'uplift') for (const f of RESPONSE_EVIDENCE_V3) out[f] = x[f] ?? null;
    }
    return out;
  };
  const rows = (v: unknown) => (Array.isArray(v) ? (v as Json[]).map(row) : v);
  return {
    ...r,
    distribution: {
      ...d,
      response: {
        ...response,
        by_channel: rows(response.by_channel),
        by_campaign: rows(response.by_campaign),
      },
    },
  };
}

const TEST_NOT_RECORDED = {
  ja: '記録なし(この所見は判定の根拠を記録する前の健診のものです)',
  en: 'not recorded (this finding comes from a checkup before tests were recorded)',
};

/**
 * v2 → v3, rfm.cut_set (issue 14): a v2 report scored with the quintiles of D's own purchasers
 * (or the fixed cuts), which is what the filled cut set says, so an old report tells the truth.
 */
export function fillRfmCutSet(r: Json): Json {
  const rfm = r.rfm as Json | null | undefined;
  if (!rfm || typeof rfm !== 'object' || 'cut_set' in rfm) return r;
  const cut_set =
    rfm.method === 'fixed'
      ? { basis: 'fixed', estimated_as_of: null, customers: null }
      : { basis: 'as_of', estimated_as_of: rfm.as_of, customers: rfm.customers };
  return { ...r, rfm: { ...rfm, cut_set } };
}

/**
 * v3 → v4: the clv distribution's P(alive) matrix (issue 17). A stored v3 report never had it:
 * null ("not computed"), not an invented matrix.
 */
export function fillPAliveMatrix(r: Json): Json {
  const clv = r.clv as Json | null | undefined;
  const d = clv?.distribution as Json | null | undefined;
  if (!clv || !d || typeof d !== 'object' || 'p_alive_matrix' in d) return r;
  return { ...r, clv: { ...clv, distribution: { ...d, p_alive_matrix: null } } };
}

/** Extra changes of a step from version v beyond the sections it added (renames, new fields). */
const STEPS: Record<number, (r: Json) => Json> = {
  // 2 → 3: the header names the minimum base rates were judged on (reports before it were
  // computed when only the default existed), every finding names its test (not recorded
  // before: said so, not invented), and the RFM section its cut set.
  2: (r) =>
    responseEvidenceStep(
      fillRfmCutSet({
        ...r,
        min_rate_base: MIN_RATE_BASE,
        findings: Array.isArray(r.findings)
          ? (r.findings as Json[]).map((f) => ({ test: TEST_NOT_RECORDED, ...f }))
          : r.findings,
      }),
    ),
  3: fillPAliveMatrix,
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
