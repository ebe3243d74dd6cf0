// Segment definitions: built-ins, names, the --where syntax and validation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  builtinSegments,
  checkSegmentName,
  customerValueNeed,
  describeDefinition,
  exportHeader,
  parseDefinition,
  parseWhere,
  summarizeDefinition,
} from './segments.js';

test('a built-in segment for every RFM segment, every ladder stage and high value at risk', () => {
  const names = builtinSegments().map((s) => s.name);
  assert.equal(names.length, 11 + 5 + 1);
  for (const n of [
    'rfm:champions',
    'rfm:at_risk',
    'rfm:lost',
    'ladder:first_purchase',
    'ladder:repeat',
    'ladder:loyal',
    'ladder:advocate',
    'ladder:prospect',
    'clv:high_value_at_risk',
  ]) {
    assert.ok(names.includes(n), n);
  }
  assert.equal(builtinSegments().find((s) => s.name === 'rfm:at_risk')!.name_ja, '離脱危惧');
});

test('names: reserved prefixes, "all", commas and blanks are refused', () => {
  assert.equal(checkSegmentName('vip_risk'), null);
  assert.equal(checkSegmentName('東京の優良顧客'), null);
  for (const bad of ['rfm:x', 'all', 'a,b', ' lead', '', 'x'.repeat(65)]) {
    assert.equal(checkSegmentName(bad)?.code, 'segment_name_invalid', bad);
  }
});

test('--where pairs: numbers, lists, commas, and errors with codes', () => {
  assert.deepEqual(parseWhere(['min_m=30,000']), { ok: true, value: { min_m: 30000 } });
  assert.deepEqual(parseWhere(['min_f=2,prefecture=東京都', 'prefecture=大阪府']), {
    ok: true,
    value: { min_f: 2, prefecture: ['東京都', '大阪府'] },
  });
  const code = (r: ReturnType<typeof parseWhere>) => (r.ok ? 'ok' : r.error.code);
  assert.equal(code(parseWhere(['min_m'])), 'segment_where_syntax');
  assert.equal(code(parseWhere(['min_m=abc'])), 'segment_where_number');
  assert.equal(code(parseWhere(['min_m=1', 'min_m=2'])), 'segment_where_repeated');
  assert.equal(code(parseWhere(['color=red'])), 'segment_where_unknown');
  assert.equal(code(parseWhere(['min_f=1.5'])), 'segment_where_invalid');
  // Customer value: P(alive) is a probability.
  assert.deepEqual(parseWhere(['min_p_alive=0.5,max_clv_365=100,000']), {
    ok: true,
    value: { min_p_alive: 0.5, max_clv_365: 100000 },
  });
  assert.equal(code(parseWhere(['max_p_alive=1.5'])), 'segment_where_invalid');
});

test('what of customer value a definition reads', () => {
  const need = (input: unknown) => {
    const d = parseDefinition(input);
    assert.ok(d.ok);
    return customerValueNeed(d.value);
  };
  assert.equal(need({ from: ['rfm:at_risk'], where: { min_m: 1 } }), null);
  assert.equal(need({ from: ['all'], where: { min_p_alive: 0.5 } }), 'value');
  assert.equal(need({ from: ['all'], where: { max_expected_365: 1 } }), 'value');
  assert.equal(need({ from: ['all'], where: { min_clv_365: 1 } }), 'clv');
  assert.equal(need({ from: ['rfm:lost', 'clv:high_value_at_risk'] }), 'clv');
});

test('definitions: bases must exist; the summary reads like the definition', () => {
  const ok = parseDefinition({ from: ['rfm:at_risk'], where: { min_m: 30000 } });
  assert.ok(ok.ok);
  if (ok.ok) assert.equal(summarizeDefinition(ok.value), 'rfm:at_risk; M ≥ 30000');
  const bad = parseDefinition({ from: ['rfm:unknown'] });
  assert.equal(bad.ok ? 'ok' : bad.error.code, 'segment_definition_invalid');
  assert.equal(exportHeader('en')[0], 'customer_id');
  assert.equal(exportHeader('ja')[10], '顧客ラダー');
  // Customer value adds its columns after the others, which keep their places.
  assert.deepEqual(
    exportHeader('en', true).slice(0, exportHeader('en').length),
    exportHeader('en'),
  );
  assert.equal(exportHeader('en', true).at(-1), 'clv_365');
  const s = parseDefinition({ from: ['all'], where: { min_p_alive: 0.5 } });
  assert.ok(s.ok && summarizeDefinition(s.value) === 'all; P(alive) ≥ 0.5');
  // In words, for the screen: names, not codes.
  const w = parseDefinition({
    from: ['rfm:at_risk', 'clv:high_value_at_risk'],
    where: { min_m: 30000, prefecture: ['東京都', '大阪府'] },
  });
  assert.ok(w.ok);
  assert.equal(
    describeDefinition(w.value, 'ja'),
    '離脱危惧・高価値・離反リスクのうち、購入金額30,000以上、都道府県が東京都・大阪府',
  );
  assert.equal(
    describeDefinition(w.value, 'en'),
    'At risk or High value at risk, purchases of at least 30,000, prefecture 東京都 or 大阪府',
  );
});
