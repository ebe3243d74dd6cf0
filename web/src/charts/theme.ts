// The dashboard's chart look: quiet colours, thin lines, the same type as the page.
export const COLORS = {
  primary: '#2c5e7a',
  accent: '#c8873a',
  green: '#5f8f6a',
  red: '#b5483b',
  purple: '#76689a',
  gray: '#8c98a4',
  light: '#dfe5ea',
};

export const PALETTE = [
  COLORS.primary,
  COLORS.accent,
  COLORS.green,
  COLORS.purple,
  COLORS.red,
  COLORS.gray,
  '#4a8fb0',
  '#b49a5c',
];

const FONT =
  '"Hiragino Sans", "Hiragino Kaku Gothic ProN", "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic", Meiryo, system-ui, sans-serif';

export const THEME = {
  color: PALETTE,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: FONT, color: '#36424d' },
  grid: { left: 56, right: 56, top: 40, bottom: 36, containLabel: false },
  legend: {
    top: 0,
    left: 'center',
    itemWidth: 14,
    itemHeight: 8,
    textStyle: { color: '#4b5866', fontSize: 12 },
    icon: 'roundRect',
  },
  tooltip: {
    backgroundColor: 'rgba(255,255,255,0.97)',
    borderColor: '#d5dce2',
    borderWidth: 1,
    textStyle: { color: '#26323c', fontSize: 12 },
    extraCssText: 'box-shadow: 0 4px 16px rgba(20,40,60,0.12); border-radius: 8px;',
  },
  categoryAxis: {
    axisLine: { lineStyle: { color: '#c4ccd4' } },
    axisTick: { show: false },
    axisLabel: { color: '#6a7682', fontSize: 11 },
    splitLine: { show: false },
  },
  valueAxis: {
    axisLine: { show: false },
    axisTick: { show: false },
    axisLabel: { color: '#6a7682', fontSize: 11 },
    splitLine: { lineStyle: { color: '#edf0f3' } },
    nameTextStyle: { color: '#6a7682', fontSize: 11 },
  },
  line: { symbol: 'none', lineStyle: { width: 2 }, smooth: false },
  bar: { itemStyle: { borderRadius: [3, 3, 0, 0] } },
};
