// A rate in a workbook table, as every output reads it (report/format.ts): the rate's cell is
// blank when too few customers stand behind it (a chart over the column then draws no bar,
// where text would draw a zero), and the column beside it says why, or gives the n and the
// 95 % interval.
import { rateEvidence, readRate } from '../../report/format.js';
import { L, type Column, type SheetContext } from './style.js';

/** Returns the two columns of a rate: its value (blank below the minimum base) and its evidence. */
export function rateColumns<T>(
  ctx: SheetContext,
  header: string,
  rate: (row: T) => number | null,
  base: (row: T) => number,
): Column<T>[] {
  const read = (row: T) => readRate(rate(row), base(row), ctx.minRateBase);
  return [
    {
      header,
      value: (row) => {
        const r = read(row);
        return r.judged ? r.rate : null;
      },
      fmt: 'pct',
    },
    {
      header: L(ctx, 'wb_rate_evidence'),
      value: (row) => rateEvidence(read(row), ctx.lang) || null,
      fmt: 'text',
      width: 30,
    },
  ];
}
