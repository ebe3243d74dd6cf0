// The data-table alternative of a chart: the numbers an ECharts option draws, as rows a screen
// reader (or anyone who would rather read) can go through. Category charts give one row per
// category and one column per named series; heat maps one row per y category; funnels one row
// per stage. Decoration (a silent series, e.g. a waterfall's invisible base) is left out.
import type { ChartOption } from './Chart';

export interface ChartTable {
  head: string[];
  rows: string[][];
}

type Axis = { type?: string; data?: unknown[] };
type Series = { name?: string; type?: string; silent?: boolean; data?: unknown[] };

const asArray = <T>(x: T | T[] | undefined): T[] =>
  x === undefined ? [] : Array.isArray(x) ? x : [x];

/** Returns a datum's number (a plain value, [x, y, v] or { value }). */
function valueOf(d: unknown): unknown {
  return d !== null && typeof d === 'object' && !Array.isArray(d) && 'value' in d
    ? (d as { value: unknown }).value
    : d;
}

/** Returns a cell's text: numbers with separators and at most 3 decimals, missing as —. */
function cell(v: unknown): string {
  if (v === null || v === undefined || v === '-') return '—';
  if (typeof v === 'number') return v.toLocaleString('ja-JP', { maximumFractionDigits: 3 });
  return String(v);
}

/** Returns the table of a chart option, or null when it draws nothing tabular. */
export function chartTable(option: ChartOption, valueLabel: string): ChartTable | null {
  const series = (asArray(option.series as Series | Series[]) as Series[]).filter((s) => !s.silent);
  if (!series.length) return null;
  const x = asArray(option.xAxis as Axis | Axis[])[0];
  const y = asArray(option.yAxis as Axis | Axis[])[0];
  if (series[0].type === 'heatmap' && x?.data && y?.data) {
    const grid = new Map<string, unknown>();
    for (const d of series[0].data ?? []) {
      const [i, j, v] = valueOf(d) as [number, number, unknown];
      grid.set(`${i},${j}`, v);
    }
    return {
      head: ['', ...x.data.map(cell)],
      rows: y.data.map((yc, j) => [
        cell(yc),
        ...x.data!.map((_, i) => cell(grid.get(`${i},${j}`))),
      ]),
    };
  }
  if (series[0].type === 'funnel')
    return {
      head: ['', valueLabel],
      rows: (series[0].data ?? []).map((d) => [
        cell((d as { name?: string }).name),
        cell(valueOf(d)),
      ]),
    };
  const cat = x?.type === 'category' ? x : y?.type === 'category' ? y : null;
  if (!cat?.data) return null;
  return {
    head: ['', ...series.map((s) => s.name ?? valueLabel)],
    rows: cat.data.map((c, k) => [cell(c), ...series.map((s) => cell(valueOf(s.data?.[k])))]),
  };
}
