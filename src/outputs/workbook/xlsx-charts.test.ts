import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  addNativeCharts,
  chartXml,
  insertDrawing,
  rangeRef,
  type ChartSpec,
} from './xlsx-charts.js';

/** Returns a workbook with data on 'データ' (and a picture on it), and an empty 'Chart' sheet. */
async function book(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('データ');
  ws.addRow(['月', '顧客数', '単価']);
  for (let i = 1; i <= 3; i++) ws.addRow([`2024-0${i}`, i * 10, i * 1000]);
  // exceljs's own drawing (a 1×1 PNG): the chart must join it, not replace it.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  ws.addImage(wb.addImage({ buffer: png as unknown as ArrayBuffer, extension: 'png' }), 'E1:F2');
  ws.addConditionalFormatting({
    ref: 'B2:B4',
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        cfvo: [{ type: 'min' }, { type: 'max' }],
        color: { argb: 'FF638EC6' },
      } as ExcelJS.ConditionalFormattingRule,
    ],
  });
  wb.addWorksheet("O'Brien");
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const spec = (sheet: string): ChartSpec => ({
  sheet,
  from: { col: 0, row: 6 },
  to: { col: 6, row: 20 },
  title: '顧客数と単価',
  categories: { ref: rangeRef('データ', 1, 2, 4), values: ['2024-01', '2024-02', '2024-03'] },
  series: [
    {
      name: '顧客数',
      nameRef: rangeRef('データ', 2, 1),
      values: { ref: rangeRef('データ', 2, 2, 4), values: [10, 20, 30] },
      kind: 'bar',
    },
    {
      name: '単価',
      nameRef: rangeRef('データ', 3, 1),
      values: { ref: rangeRef('データ', 3, 2, 4), values: [1000, 2000, 3000], format: '"¥"#,##0' },
      kind: 'line',
      secondary: true,
    },
  ],
});

test('references are absolute and quote sheet names', () => {
  assert.equal(rangeRef('データ', 2, 2, 4), "'データ'!$B$2:$B$4");
  assert.equal(rangeRef("O'Brien", 28, 1), "'O''Brien'!$AB$1");
});

test('a bar + line chart on two axes: series with references and cached values', () => {
  const xml = chartXml(spec('データ'));
  assert.match(xml, /<c:barChart><c:barDir val="col"\/><c:grouping val="clustered"\/>/);
  assert.match(xml, /<c:lineChart>.*<c:axId val="3"\/><c:axId val="4"\/><\/c:lineChart>/);
  assert.match(xml, /<c:tx><c:strRef><c:f>'データ'!\$B\$1<\/c:f>/);
  assert.match(
    xml,
    /<c:val><c:numRef><c:f>'データ'!\$C\$2:\$C\$4<\/c:f><c:numCache><c:formatCode>&quot;¥&quot;#,##0<\/c:formatCode><c:ptCount val="3"\/><c:pt idx="0"><c:v>1000<\/c:v>/,
  );
  assert.match(
    xml,
    /<c:cat><c:strRef><c:f>'データ'!\$A\$2:\$A\$4<\/c:f><c:strCache><c:ptCount val="3"\/><c:pt idx="0"><c:v>2024-01<\/c:v>/,
  );
  assert.match(xml, /<c:valAx><c:axId val="4"\/>.*<c:axPos val="r"\/>/);
});

test('the drawing goes after the page setup, never into a data bar’s extLst', () => {
  const sheet =
    '<worksheet><sheetData/><conditionalFormatting><cfRule><extLst><ext/></extLst></cfRule></conditionalFormatting>' +
    '<pageMargins left="0.7"/><pageSetup orientation="portrait"/><tableParts count="1"/><extLst><ext/></extLst></worksheet>';
  assert.equal(
    insertDrawing(sheet, 'rId9'),
    sheet.replace(
      '<pageSetup orientation="portrait"/>',
      '<pageSetup orientation="portrait"/><drawing r:id="rId9"/>',
    ),
  );
});

test('charts are written into the package: parts, relationships, content types, anchors', async () => {
  const out = await addNativeCharts(await book(), [
    spec('データ'),
    spec("O'Brien"),
    { ...spec('データ'), title: '2' },
  ]);
  const zip = await JSZip.loadAsync(out);
  const files = Object.keys(zip.files);
  assert.deepEqual(files.filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).sort(), [
    'xl/charts/chart1.xml',
    'xl/charts/chart2.xml',
    'xl/charts/chart3.xml',
  ]);
  const types = await zip.file('[Content_Types].xml')!.async('string');
  for (const n of [1, 2, 3])
    assert.match(
      types,
      new RegExp(
        `PartName="/xl/charts/chart${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart\\+xml"`,
      ),
    );
  // The data sheet keeps its picture's drawing and gains two chart anchors in it.
  const d1 = await zip.file('xl/drawings/drawing1.xml')!.async('string');
  assert.equal(d1.match(/<xdr:pic>/g)?.length, 1);
  assert.equal(d1.match(/<c:chart /g)?.length, 2);
  const d1rels = await zip.file('xl/drawings/_rels/drawing1.xml.rels')!.async('string');
  assert.match(d1rels, /relationships\/image/);
  assert.equal(d1rels.match(/relationships\/chart"/g)?.length, 2);
  // The second sheet had no drawing: one is created, related and referenced from the sheet.
  const s2 = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
  assert.match(s2, /<pageSetup[^>]*\/><drawing r:id="rIdDrawing1"\/><\/worksheet>/);
  const s2rels = await zip.file('xl/worksheets/_rels/sheet2.xml.rels')!.async('string');
  assert.match(s2rels, /Target="\.\.\/drawings\/drawing2\.xml"/);
  assert.match(
    types,
    /PartName="\/xl\/drawings\/drawing2\.xml" ContentType="application\/vnd\.openxmlformats-officedocument\.drawing\+xml"/,
  );
  // exceljs still reads the package (its data, picture and sheets intact).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(out as unknown as ArrayBuffer);
  assert.equal(wb.getWorksheet('データ')!.getCell('B3').value, 20);
  assert.equal(wb.getWorksheet('データ')!.getImages().length, 1);
});

test('an unknown sheet is an error, not a silently missing chart', async () => {
  await assert.rejects(addNativeCharts(await book(), [spec('なし')]), /no sheet named "なし"/);
});
