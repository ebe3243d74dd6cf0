// A finding of a diagnosis (SPEC §6): stable id, severity, the numbers that triggered it, the
// cause it points to and the recommended action, in Japanese and English.

export type Severity = 'info' | 'warning' | 'critical';

export interface Text {
  ja: string;
  en: string;
}

export interface Finding {
  id: string;
  severity: Severity;
  title: Text;
  /** The numbers that triggered the finding, by SPEC name. */
  evidence: Record<string, number | string | null>;
  cause: Text;
  action: Text;
}

/** Returns the rank of a severity for sorting (critical first). */
export function severityRank(s: Severity): number {
  return s === 'critical' ? 0 : s === 'warning' ? 1 : 2;
}
