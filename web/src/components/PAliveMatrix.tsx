// The P(alive) × frequency/recency heat map of the customer value page: customers by repeat
// purchases (rows) and days since their last purchase (columns), each cell coloured by its mean
// P(alive) and giving its customers. A cell of fewer customers than the report's minimum is
// shown uncoloured: a strong colour from two customers reads as a pattern. The cells are the
// report's (clv.distribution.p_alive_matrix); nothing is computed here but the colour.
import { useI18n, type MessageKey } from '../i18n';
import { fmtPct } from '../format';
import type { ClvDistribution } from '@report/index.js';

type Cell = NonNullable<ClvDistribution['p_alive_matrix']>[number];

/** Background for a mean P(alive): pale (0) to a light blue (1), so the dark ink keeps its contrast. */
const shade = (p: number) => `hsl(210 70% ${Math.round(97 - 27 * p)}%)`;

export function PAliveMatrix({ cells, min }: { cells: Cell[]; min: number }) {
  const { t } = useI18n();
  const rows = [...new Map(cells.map((c) => [c.frequency_from, c])).values()];
  const cols = [...new Map(cells.map((c) => [c.days_from, c])).values()];
  const range = (
    from: number,
    to: number | null,
    one: MessageKey,
    span: MessageKey,
    up: MessageKey,
  ) =>
    to === null
      ? t(up, { n: from })
      : from === to
        ? t(one, { n: from })
        : t(span, { a: from, b: to });
  const at = (f: number, d: number) =>
    cells.find((c) => c.frequency_from === f && c.days_from === d);
  return (
    // Focusable: on a phone the grid scrolls sideways, and a keyboard must reach it too.
    <div className="table-wrap" tabIndex={0}>
      <table className="heat" data-testid="clv-p-alive-matrix">
        <caption className="muted small">{t('clv_matrix_note', { n: min })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('clv_matrix_corner')}</th>
            {cols.map((c) => (
              <th scope="col" key={c.days_from}>
                {range(c.days_from, c.days_to, 'clv_days_one', 'clv_days_span', 'clv_days_up')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.frequency_from}>
              <th scope="row">
                {range(
                  r.frequency_from,
                  r.frequency_to,
                  'clv_times_one',
                  'clv_times_span',
                  'clv_times_up',
                )}
              </th>
              {cols.map((c) => {
                const cell = at(r.frequency_from, c.days_from);
                const p = cell?.mean_p_alive ?? null;
                const few = !cell || cell.customers < min;
                return (
                  <td
                    key={c.days_from}
                    className={few ? 'heat-few' : undefined}
                    style={p !== null && !few ? { background: shade(p) } : undefined}
                    data-customers={cell?.customers ?? 0}
                  >
                    {p === null ? '—' : fmtPct(p, 0)}
                    <span className="rate-ev">
                      n={(cell?.customers ?? 0).toLocaleString('ja-JP')}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
