// Server-side chart rendering: an ECharts option → SVG string (ECharts SSR, no DOM) → PNG
// (resvg). The PNG goes into the workbook and the alert e-mail; the font is a CJK one so
// Japanese labels render instead of empty boxes.
import { existsSync } from 'node:fs';
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';

export interface ChartSize {
  width: number;
  height: number;
}

/** The CJK family resvg maps Japanese text to. */
export const CJK_FAMILY = 'Noto Sans CJK JP';
const LATIN_FAMILY = 'DejaVu Sans';
/**
 * The family list every chart asks for. Latin first: resvg spends tens of milliseconds per
 * text element that touches the 19 MB CJK collection, so digits and Latin words (most axis
 * labels) are drawn with a small Latin font and only Japanese text falls back to the CJK one.
 */
export const CHART_FONT_FAMILY = `${LATIN_FAMILY}, ${CJK_FAMILY}, sans-serif`;

// Where Debian/Ubuntu (fonts-noto-cjk), Fedora and Homebrew put the fonts; the env var wins.
const CJK_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/opt/homebrew/share/fonts/NotoSansCJK-Regular.ttc',
];
const LATIN_CANDIDATES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
];

let fontFiles: { cjk: string | null; latin: string | null } | undefined;

/** Returns the font files used for charts (null: not installed; system fonts are used then). */
export function chartFontFiles(): { cjk: string | null; latin: string | null } {
  if (!fontFiles) {
    const first = (list: (string | undefined)[]) =>
      list.find((p): p is string => !!p && existsSync(p)) ?? null;
    fontFiles = {
      cjk: first([process.env.KENSHIN_CHART_FONT, ...CJK_CANDIDATES]),
      latin: first(LATIN_CANDIDATES),
    };
  }
  return fontFiles;
}

/** Returns the SVG text of an ECharts option (animation off, CJK font family). */
export function renderSvg(option: echarts.EChartsCoreOption, size: ChartSize): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: CHART_FONT_FAMILY }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Returns the PNG bytes of an SVG on a white background. */
export function svgToPng(svg: string): Buffer {
  const { cjk, latin } = chartFontFiles();
  const files = [latin, cjk].filter((f): f is string => f !== null);
  const resvg = new Resvg(svg, {
    background: 'white',
    font: cjk
      ? {
          fontFiles: files,
          loadSystemFonts: false,
          defaultFontFamily: latin ? LATIN_FAMILY : CJK_FAMILY,
        }
      : { loadSystemFonts: true },
  });
  return Buffer.from(resvg.render().asPng());
}

/** Returns the PNG bytes of an ECharts option. */
export function renderPng(option: echarts.EChartsCoreOption, size: ChartSize): Buffer {
  return svgToPng(renderSvg(option, size));
}

/** Returns the width and height of a PNG, or null when the bytes are not a PNG. */
export function pngSize(png: Buffer): ChartSize | null {
  const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (
    png.length < 24 ||
    sig.some((b, i) => png[i] !== b) ||
    png.toString('latin1', 12, 16) !== 'IHDR'
  )
    return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
