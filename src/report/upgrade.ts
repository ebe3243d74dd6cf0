// Reading a stored report of an earlier version as the current one: each step takes a report of
// version v to v + 1. A section a version added is null in a report stored before it ("not
// computed": the checkup of that date has to run again to fill it).
import { REPORT_VERSION } from './header.js';
import { MIN_RATE_BASE } from './format.js';
import { SECTIONS } from './registry.js';

type Json = Record<string, unknown>;

/** Extra changes of a step from version v beyond the sections it added (renames, new fields). */
const STEPS: Record<number, (r: Json) => Json> = {
  // 2 → 3: the header names the minimum base rates were judged on; reports before it were
  // computed when only the default existed.
  2: (r) => ({ ...r, min_rate_base: MIN_RATE_BASE }),
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
