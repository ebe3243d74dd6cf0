// Native Excel charts (DrawingML, `xl/charts/chartN.xml`) written into an .xlsx that exceljs
// produced — exceljs cannot write charts. The package is post-processed with jszip (already a
// dependency of exceljs): each chart part, the drawing that anchors it on its sheet (exceljs's
// own drawing of that sheet when it has pictures), the relationships and the content types.
// Series reference the cells of the data sheets, with the values cached as Excel does, so the
// reader can restyle a chart, see its data and change it.
import JSZip from 'jszip';

/** A range on a sheet with its cached values (numbers, text, or null for an empty cell). */
export interface RangeData {
  /** Formula reference, e.g. `'リスト診断'!$B$4:$B$733` (see `rangeRef`). */
  ref: string;
  values: (number | string | null)[];
  /** Number format of numeric values (e.g. `yyyy-mm-dd` for date serials). */
  format?: string;
}

export interface ChartSeries {
  /** The series name and the cell that holds it. */
  name: string;
  nameRef?: string;
  values: RangeData;
  kind: 'bar' | 'line';
  /** On the secondary (right) value axis. */
  secondary?: boolean;
  /** RRGGBB */
  color?: string;
  dash?: boolean;
  /** Drawn without fill or line (the invisible base of a waterfall). */
  hidden?: boolean;
}

export interface ChartSpec {
  /** The worksheet (by name) the chart is drawn on. */
  sheet: string;
  /** Cell anchor, 0-based columns and rows: the chart covers [from, to). */
  from: { col: number; row: number };
  to: { col: number; row: number };
  title: string;
  categories: RangeData;
  series: ChartSeries[];
  /** Stack the bar series (and draw them overlapping). */
  stacked?: boolean;
  /** Number formats of the primary and secondary value axes. */
  primaryFormat?: string;
  secondaryFormat?: string;
  /** Show every n-th category label (long daily series). */
  labelSkip?: number;
  /** Lowest value of the primary axis (default: automatic). */
  primaryMin?: number;
}

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  rel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};
const REL_DRAWING = `${NS.r}/drawing`;
const REL_CHART = `${NS.r}/chart`;
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

/** Returns text escaped for XML. */
export function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Returns XML text unescaped. */
function unesc(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Returns the column letters of a 1-based column number. */
export function colLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Returns an absolute reference to column `col`, rows first..last (1-based) of `sheet`. */
export function rangeRef(sheet: string, col: number, first: number, last = first): string {
  const c = colLetter(col);
  const cells = first === last ? `$${c}$${first}` : `$${c}$${first}:$${c}$${last}`;
  return `'${sheet.replace(/'/g, "''")}'!${cells}`;
}

/** Returns an absolute reference to row `row`, columns first..last (1-based) of `sheet`. */
export function rowRangeRef(sheet: string, row: number, first: number, last: number): string {
  return `'${sheet.replace(/'/g, "''")}'!$${colLetter(first)}$${row}:$${colLetter(last)}$${row}`;
}

/** Returns the series-name XML (a reference with its cached text, or a literal). */
function txXml(name: string, ref?: string): string {
  if (!ref) return `<c:tx><c:v>${esc(name)}</c:v></c:tx>`;
  return `<c:tx><c:strRef><c:f>${esc(ref)}</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${esc(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`;
}

/** Returns cached points (empty cells left out, as Excel writes them). */
function points(values: (number | string | null)[]): string {
  return values
    .map((v, i) =>
      v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))
        ? ''
        : `<c:pt idx="${i}"><c:v>${esc(String(v))}</c:v></c:pt>`,
    )
    .join('');
}

/** Returns a data reference: numRef when every value is a number (or empty), strRef otherwise. */
function dataRef(d: RangeData): string {
  const numeric = d.values.every((v) => v === null || typeof v === 'number');
  const n = `<c:ptCount val="${d.values.length}"/>${points(d.values)}`;
  if (numeric)
    return `<c:numRef><c:f>${esc(d.ref)}</c:f><c:numCache><c:formatCode>${esc(d.format ?? 'General')}</c:formatCode>${n}</c:numCache></c:numRef>`;
  return `<c:strRef><c:f>${esc(d.ref)}</c:f><c:strCache>${n}</c:strCache></c:strRef>`;
}

/** Returns the shape properties of a series. */
function spPr(s: ChartSeries): string {
  if (s.hidden) return '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>';
  if (!s.color) return '';
  const fill = `<a:solidFill><a:srgbClr val="${s.color}"/></a:solidFill>`;
  if (s.kind === 'bar') return `<c:spPr>${fill}</c:spPr>`;
  const dash = s.dash ? '<a:prstDash val="dash"/>' : '';
  return `<c:spPr><a:ln w="22225" cap="rnd">${fill}${dash}<a:round/></a:ln></c:spPr>`;
}

/** Returns one series element. */
function serXml(s: ChartSeries, idx: number, cats: RangeData): string {
  const head = `<c:idx val="${idx}"/><c:order val="${idx}"/>${txXml(s.name, s.nameRef)}${spPr(s)}`;
  const body = `<c:cat>${dataRef(cats)}</c:cat><c:val>${dataRef(s.values)}</c:val>`;
  if (s.kind === 'bar') return `<c:ser>${head}<c:invertIfNegative val="0"/>${body}</c:ser>`;
  return `<c:ser>${head}<c:marker><c:symbol val="none"/></c:marker>${body}<c:smooth val="0"/></c:ser>`;
}

/** Returns a rich-text title. */
function titleXml(text: string, size = 1200): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="ja-JP" sz="${size}" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** Returns a category axis (hidden for the secondary pair). */
function catAx(id: number, cross: number, c: ChartSpec, hidden: boolean): string {
  const fmt = c.categories.format
    ? `<c:numFmt formatCode="${esc(c.categories.format)}" sourceLinked="0"/>`
    : '';
  const skip =
    c.labelSkip && !hidden
      ? `<c:tickLblSkip val="${c.labelSkip}"/><c:tickMarkSkip val="${c.labelSkip}"/>`
      : '';
  return `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${hidden ? 1 : 0}"/><c:axPos val="b"/>${fmt}<c:majorTickMark val="${hidden ? 'none' : 'out'}"/><c:minorTickMark val="none"/><c:tickLblPos val="${hidden ? 'none' : 'low'}"/><c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>${skip}<c:noMultiLvlLbl val="0"/></c:catAx>`;
}

/** Returns a value axis (left, or right crossing at the maximum). */
function valAx(id: number, cross: number, right: boolean, format?: string, min?: number): string {
  const scaling = `<c:scaling><c:orientation val="minMax"/>${min !== undefined ? `<c:min val="${min}"/>` : ''}</c:scaling>`;
  const grid = right
    ? ''
    : '<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>';
  return `<c:valAx><c:axId val="${id}"/>${scaling}<c:delete val="0"/><c:axPos val="${right ? 'r' : 'l'}"/>${grid}<c:numFmt formatCode="${esc(format ?? '#,##0')}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="${right ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
}

/** Returns the chart part (c:chartSpace) of a chart. */
export function chartXml(c: ChartSpec): string {
  const indexed = c.series.map((s, i) => ({ s, i }));
  const group = (kind: 'bar' | 'line', secondary: boolean) =>
    indexed.filter(({ s }) => s.kind === kind && !!s.secondary === secondary);
  const axes = (secondary: boolean) => (secondary ? [3, 4] : [1, 2]);
  const plots: string[] = [];
  for (const secondary of [false, true]) {
    const [ca, va] = axes(secondary);
    const bars = group('bar', secondary);
    if (bars.length)
      plots.push(
        `<c:barChart><c:barDir val="col"/><c:grouping val="${c.stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${bars.map(({ s, i }) => serXml(s, i, c.categories)).join('')}<c:gapWidth val="60"/>${c.stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="${ca}"/><c:axId val="${va}"/></c:barChart>`,
      );
    const lines = group('line', secondary);
    if (lines.length)
      plots.push(
        `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines.map(({ s, i }) => serXml(s, i, c.categories)).join('')}<c:marker val="1"/><c:axId val="${ca}"/><c:axId val="${va}"/></c:lineChart>`,
      );
  }
  const hasSecondary = c.series.some((s) => s.secondary);
  const axesXml =
    catAx(1, 2, c, false) +
    valAx(2, 1, false, c.primaryFormat, c.primaryMin) +
    (hasSecondary ? catAx(3, 4, c, true) + valAx(4, 3, true, c.secondaryFormat) : '');
  // The hidden base of a waterfall has no legend entry.
  const legendHide = c.series
    .map((s, i) =>
      s.hidden ? `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>` : '',
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.c}" xmlns:a="${NS.a}" xmlns:r="${NS.r}"><c:roundedCorners val="0"/>` +
    `<c:chart>${titleXml(c.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plots.join('')}${axesXml}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/>${legendHide}<c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="ja-JP"/></a:p></c:txPr>` +
    `</c:chartSpace>`
  );
}

/** Returns one anchor of a drawing: the graphic frame pointing at chart relationship `rid`. */
function anchorXml(c: ChartSpec, rid: string, id: number): string {
  const pt = (p: { col: number; row: number }) =>
    `<xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${pt(c.from)}</xdr:from><xdr:to>${pt(c.to)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${esc(`Chart ${id}`)}" descr="${esc(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.c}">` +
    `<c:chart xmlns:c="${NS.c}" xmlns:r="${NS.r}" r:id="${rid}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** Returns the relationships of a .rels part as id → { type, target }. */
function readRels(xml: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    out.set(attr('Id'), { type: attr('Type'), target: unesc(attr('Target')) });
  }
  return out;
}

/** Returns a .rels part with one more relationship. */
function addRel(xml: string | null, id: string, type: string, target: string): string {
  const base =
    xml ??
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.rel}"></Relationships>`;
  return base.replace(
    '</Relationships>',
    `<Relationship Id="${id}" Type="${type}" Target="${esc(target)}"/></Relationships>`,
  );
}

/** Returns a relationship id not used in `xml`. */
function freshId(xml: string | null, prefix: string): string {
  const used = new Set(readRels(xml ?? '').keys());
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Returns a part path resolved against the folder of `from` ("xl/worksheets/sheet1.xml"). */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Returns the .rels path of a part. */
function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

/** Returns the sheet part of each worksheet name. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file('xl/workbook.xml')!.async('string');
  const rels = readRels(await zip.file('xl/_rels/workbook.xml.rels')!.async('string'));
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b([^>]*)\/>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[1])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[1])?.[1];
    const rel = rid ? rels.get(rid) : undefined;
    if (name !== undefined && rel) out.set(unesc(name), resolvePart('xl/workbook.xml', rel.target));
  }
  return out;
}

// Top-level elements that come right before <drawing> in a worksheet (CT_Worksheet sequence);
// none of them nests inside another element, unlike <extLst> (a data bar's cfRule has one).
const BEFORE_DRAWING = [
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
];

/** Returns the index just after the element `name` (self-closing or not), or -1. */
function endOf(xml: string, name: string): number {
  const open = xml.search(new RegExp(`<${name}[\\s>/]`));
  if (open < 0) return -1;
  const close = xml.indexOf(`</${name}>`, open);
  if (close >= 0) return close + name.length + 3;
  const selfClose = xml.indexOf('/>', open);
  return selfClose < 0 ? -1 : selfClose + 2;
}

/** Returns the sheet XML with a <drawing r:id> element in its schema position. */
export function insertDrawing(sheetXml: string, rid: string): string {
  const el = `<drawing r:id="${rid}"/>`;
  const at = Math.max(...BEFORE_DRAWING.map((n) => endOf(sheetXml, n)));
  if (at < 0)
    throw new Error('insertDrawing: the worksheet has no <pageMargins> to place a drawing after');
  return sheetXml.slice(0, at) + el + sheetXml.slice(at);
}

/** Returns the next free number N of parts named `prefix`N`.xml`. */
function nextPartNumber(zip: JSZip, prefix: string): number {
  let max = 0;
  for (const name of Object.keys(zip.files)) {
    const m = new RegExp(`^${prefix}(\\d+)\\.xml$`).exec(name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** Returns the content types with an Override for `part`. */
function addOverride(types: string, part: string, type: string): string {
  if (types.includes(`PartName="/${part}"`)) return types;
  return types.replace('</Types>', `<Override PartName="/${part}" ContentType="${type}"/></Types>`);
}

/** Returns the drawing part of a sheet, creating it (and its relationship) when the sheet has none. */
async function drawingOf(zip: JSZip, sheetPart: string, types: { xml: string }): Promise<string> {
  const sheetXml = await zip.file(sheetPart)!.async('string');
  const relsPath = relsOf(sheetPart);
  const relsXml = (await zip.file(relsPath)?.async('string')) ?? null;
  const existing = /<drawing\s+r:id="([^"]+)"/.exec(sheetXml)?.[1];
  if (existing) {
    const rel = readRels(relsXml ?? '').get(existing);
    if (rel) return resolvePart(sheetPart, rel.target);
  }
  const n = nextPartNumber(zip, 'xl/drawings/drawing');
  const part = `xl/drawings/drawing${n}.xml`;
  zip.file(
    part,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.xdr}" xmlns:a="${NS.a}"></xdr:wsDr>`,
  );
  const rid = freshId(relsXml, 'rIdDrawing');
  zip.file(relsPath, addRel(relsXml, rid, REL_DRAWING, `../drawings/drawing${n}.xml`));
  zip.file(sheetPart, insertDrawing(sheetXml, rid));
  types.xml = addOverride(types.xml, part, CT_DRAWING);
  return part;
}

/** Returns the highest cNvPr id used in a drawing. */
function maxShapeId(drawingXml: string): number {
  let max = 1;
  for (const m of drawingXml.matchAll(/<xdr:cNvPr\s+id="(\d+)"/g))
    max = Math.max(max, Number(m[1]));
  return max;
}

/** Returns the xlsx `buf` with the native charts added (each on its sheet); throws on an unknown sheet. */
export async function addNativeCharts(buf: Buffer, charts: ChartSpec[]): Promise<Buffer> {
  if (!charts.length) return buf;
  const zip = await JSZip.loadAsync(buf);
  const sheets = await sheetParts(zip);
  const types = { xml: await zip.file('[Content_Types].xml')!.async('string') };
  for (const c of charts) {
    const sheetPart = sheets.get(c.sheet);
    if (!sheetPart) throw new Error(`addNativeCharts: no sheet named "${c.sheet}"`);
    const drawing = await drawingOf(zip, sheetPart, types);
    const n = nextPartNumber(zip, 'xl/charts/chart');
    const chartPart = `xl/charts/chart${n}.xml`;
    zip.file(chartPart, chartXml(c));
    types.xml = addOverride(types.xml, chartPart, CT_CHART);
    const dRelsPath = relsOf(drawing);
    const dRels = (await zip.file(dRelsPath)?.async('string')) ?? null;
    const rid = freshId(dRels, 'rIdChart');
    zip.file(dRelsPath, addRel(dRels, rid, REL_CHART, `../charts/chart${n}.xml`));
    const dXml = await zip.file(drawing)!.async('string');
    zip.file(
      drawing,
      dXml.replace('</xdr:wsDr>', `${anchorXml(c, rid, maxShapeId(dXml) + 1)}</xdr:wsDr>`),
    );
  }
  zip.file('[Content_Types].xml', types.xml);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
