import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartFontFiles, pngSize, renderPng, renderSvg } from './render.js';
import { cohortChart, fiveNumbersChart, flowsChart, seriesChart } from './options.js';
import type { CoreMetrics } from '../../store/metrics/core.js';

const metrics: CoreMetrics = {
  window_start: '2023-06-17',
  active_customers: 233,
  active_customers_prev_year: 453,
  annual_revenue: 1_800_000,
  unattributed_revenue: 0,
  annual_ltv: 1_800_000 / 233,
  retention_base: 453,
  retention_retained: 78,
  retention_rate: 78 / 453,
  flows: { new: 155, retained: 78, reactivated: 0, churned: 375 },
  contacts: 0,
  contacts_per_active: 0,
  contacts_per_active_by_channel: {},
};

test('a chart renders to a PNG of the requested size', () => {
  const png = renderPng(flowsChart(metrics, 'ja'), { width: 640, height: 360 });
  assert.deepEqual(pngSize(png), { width: 640, height: 360 });
  assert.ok(png.length > 5000, `PNG too small to hold a chart: ${png.length} bytes`);
});

test('Japanese labels are in the SVG and a CJK font is used when installed', (t) => {
  const svg = renderSvg(flowsChart(metrics, 'ja'), { width: 640, height: 360 });
  assert.match(svg, /稼働顧客数の増減/);
  assert.match(svg, /Noto Sans CJK JP/);
  // The waterfall ends at A(D) and starts at A(D−365): both values are drawn as labels.
  assert.match(svg, />233</);
  assert.match(svg, />453</);
  if (!chartFontFiles().cjk) {
    t.skip('no CJK font installed (apt-get install fonts-noto-cjk)');
    return;
  }
  // With the CJK font, Japanese text becomes glyph outlines: a chart with a Japanese title
  // differs from the same chart whose title has no glyphs to draw.
  const withText = renderPng(
    { title: { text: '稼働顧客数' }, xAxis: { show: false }, yAxis: { show: false }, series: [] },
    { width: 200, height: 60 },
  );
  const blank = renderPng(
    { title: { text: '' }, xAxis: { show: false }, yAxis: { show: false }, series: [] },
    { width: 200, height: 60 },
  );
  assert.notDeepEqual(withText, blank);
});

test('series, five-numbers and cohort charts decode as PNGs', () => {
  const series = Array.from({ length: 60 }, (_, i) => ({
    date: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
    active_customers: 100 + i,
    trailing_revenue: 1e6 + i * 1e4,
  }));
  const months = Array.from({ length: 13 }, (_, i) => ({
    month: `2023-${String((i % 12) + 1).padStart(2, '0')}`,
    month_to_date: i === 12,
    total_customers: 300 + i,
    existing_customers: 20 + i,
    new_customers: 5,
    existing_avg_spend: 6000,
    new_avg_spend: i === 3 ? null : 5000,
    existing_revenue: 120_000,
    new_revenue: 25_000,
    revenue: 145_000,
  }));
  const cohorts = [
    {
      cohort: '2024-01',
      customers: 10,
      cells: [0, 1, 2].map((age) => ({
        age,
        active_customers: 5,
        active_share: 0.5,
        purchases: 5,
        revenue: 5e4,
        cumulative_revenue_per_customer: 5000 * (age + 1),
      })),
    },
  ];
  for (const [opt, size] of [
    [seriesChart(series, 'en'), { width: 900, height: 420 }],
    [fiveNumbersChart(months, 'ja'), { width: 860, height: 380 }],
    [cohortChart(cohorts, 'ja'), { width: 860, height: 420 }],
  ] as const) {
    assert.deepEqual(pngSize(renderPng(opt, size)), size);
  }
});

test('pngSize refuses bytes that are not a PNG', () => {
  assert.equal(pngSize(Buffer.from('GIF89a not a png at all, long enough')), null);
});
