// The catalogue: every field of every section has a unit, both labels and a doc, and a rate
// names a base that exists; the Wilson interval of a rate matches its published values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { SECTIONS } from './registry.js';
import { field, fieldsOf, UNITS } from './field.js';
import { headerShape } from './header.js';
import { rateInterval } from './format.js';

const all = [
  ...Object.entries(headerShape).flatMap(([k, s]) => fieldsOf(s, k)),
  ...SECTIONS.flatMap((s) => fieldsOf(s.schema, s.key)),
];

test('every field has a unit, a Japanese and an English label and a one-line doc', () => {
  assert.ok(all.length > 300, `${all.length} fields`);
  for (const f of all) {
    assert.ok(UNITS.includes(f.unit), f.path);
    assert.ok(f.ja.trim() && f.en.trim() && f.doc.trim(), f.path);
    assert.ok(!f.doc.includes('\n') && f.doc.length < 200, `${f.path}: one line`);
    assert.notEqual(f.ja, f.en, `${f.path}: the Japanese label is not the English one`);
  }
});

test('a rate names its base: a count or an amount beside it or in an enclosing object', () => {
  const unitOf = new Map(all.map((f) => [f.path, f.unit]));
  for (const f of all.filter((x) => x.unit === 'rate' && x.n)) {
    const parts = f.path.split('.');
    const candidates = parts
      .slice(0, -1)
      .map((_, i) => `${parts.slice(0, parts.length - 1 - i).join('.')}.${f.n}`);
    const base = candidates.find((p) => unitOf.has(p));
    assert.ok(base, `${f.path}: base ${f.n} not found`);
    assert.ok(
      ['count', 'yen'].includes(unitOf.get(base)!),
      `${f.path}: base ${base} is ${unitOf.get(base)}`,
    );
  }
});

test('a value without a catalogue entry is refused when the fields are listed', () => {
  const s = z.strictObject({
    ok: field(z.number(), 'count', ['数', 'Count', 'A count.']),
    bare: z.number(),
  });
  assert.throws(() => fieldsOf(s, 'x'), /x\.bare/);
});

test('rateInterval is the 95 % Wilson interval', () => {
  const [lo, hi] = rateInterval(0.5, 100)!;
  assert.ok(Math.abs(lo - 0.4038) < 1e-4 && Math.abs(hi - 0.5962) < 1e-4, `${lo} ${hi}`);
  const [lo0, hi0] = rateInterval(0, 10)!;
  assert.equal(lo0, 0);
  assert.ok(Math.abs(hi0 - 0.2775) < 1e-4, `${hi0}`);
  assert.equal(rateInterval(null, 10), null);
  assert.equal(rateInterval(0.3, 0), null);
});
