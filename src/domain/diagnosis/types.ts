// A finding of a diagnosis (SPEC §6): stable id, severity, the numbers that triggered it, the
// cause it points to and the recommended action, in Japanese and English. The type is the
// report contract's (src/report/finding.ts).
import type { Finding, Severity, Text } from '../../report/index.js';

export type { Finding, Severity, Text };

/** Returns the rank of a severity for sorting (critical first). */
export function severityRank(s: Severity): number {
  return s === 'critical' ? 0 : s === 'warning' ? 1 : 2;
}
