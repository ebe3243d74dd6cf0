// The headline cards of the report pages as data: which field a card shows (its catalogue path,
// for the label and the format), its value, the value it is compared with and the delta read
// from the two. Built by pure functions (page-cards.ts) so that a test can hold every card's
// delta against the page's own table or series for the same metric (test: cards.test.ts).

/** How a comparison reads: relative change, difference in points (rates), difference in counts. */
export type DeltaKind = 'change' | 'points' | 'difference';

export interface CardModel {
  /** Stable id (data-testid `kpi-<id>`). */
  id: string;
  /** Catalogue path of the value: its label and format. */
  field: string;
  /** The metric's name in the page's table rows (the leaf SPEC name). */
  metric: string;
  value: number | null;
  /** The compared value (last year, 30 days ago …) and the delta read from the two. */
  compare?: { previous: number | null; kind: DeltaKind; delta: number | null; when: CompareWhen };
  /** Which direction is good news (for the delta's colour). */
  good?: 'up' | 'down';
  /** A rate's base: the customers it is out of and the report's minimum to judge it. */
  base?: { n: number; min: number };
}

/** What the compared value is: a year ago, or n days before D. */
export type CompareWhen = { days: number };

/** A row of a page's comparison table: one metric now and at the compared date. */
export interface RowModel {
  metric: string;
  current: number | null;
  previous: number | null;
  /** Days between the two (365 for this year against last). */
  days: number;
}

/** Returns the delta of `kind` from `previous` to `current` (null when it cannot be read). */
export function deltaOf(kind: DeltaKind, current: number | null, previous: number | null) {
  if (current === null || previous === null) return null;
  if (kind === 'change') return previous === 0 ? null : (current - previous) / Math.abs(previous);
  return current - previous;
}

/** Returns a card comparing `value` with `previous` (the delta computed from the two). */
export function card(
  id: string,
  field: string,
  value: number | null,
  cmp?: { previous: number | null; kind: DeltaKind; days?: number },
  good: 'up' | 'down' = 'up',
): CardModel {
  const metric = field.slice(field.lastIndexOf('.') + 1);
  if (!cmp) return { id, field, metric, value, good };
  return {
    id,
    field,
    metric,
    value,
    good,
    compare: {
      previous: cmp.previous,
      kind: cmp.kind,
      delta: deltaOf(cmp.kind, value, cmp.previous),
      when: { days: cmp.days ?? 365 },
    },
  };
}
