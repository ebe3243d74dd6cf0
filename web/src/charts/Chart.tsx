// One ECharts chart: created on mount, updated when its option changes, resized with its box,
// disposed on unmount. Only the chart types the dashboard uses are bundled.
import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, HeatmapChart, LineChart } from 'echarts/charts';
import {
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { THEME } from './theme';
import { chartTable } from './chart-table';
import { useI18n } from '../i18n';

echarts.use([
  BarChart,
  FunnelChart,
  HeatmapChart,
  LineChart,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  MarkAreaComponent,
  MarkLineComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);
echarts.registerTheme('kenshin', THEME);

export type ChartOption = EChartsCoreOption;

/**
 * Renders `option` in a box of `height` pixels, named by `label` for assistive technology, with
 * the numbers it draws as a table under a disclosure (the chart's text alternative).
 */
export function Chart({
  option,
  height = 300,
  label,
}: {
  option: ChartOption;
  height?: number;
  label: string;
}) {
  const { t } = useI18n();
  const table = useMemo(() => chartTable(option, t('value')), [option]);
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, 'kenshin', { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <figure className="chart-figure">
      <div className="chart" ref={box} style={{ height }} role="img" aria-label={label} />
      {table && (
        <details className="chart-data">
          <summary>{t('chart_data')}</summary>
          <div className="table-wrap" tabIndex={0}>
            <table className="table dense">
              <caption className="sr-only">{label}</caption>
              <thead>
                <tr>
                  {table.head.map((h, k) => (
                    <th key={k} scope="col">
                      {h || <span className="sr-only">{t('item')}</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((r, k) => (
                  <tr key={k}>
                    {r.map((c, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {c}
                        </th>
                      ) : (
                        <td key={j} className="nowrap">
                          {c}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
