// How a rate reads everywhere: the value with its n and Wilson interval, or "too few to judge"
// below the minimum base (intervals computed by hand: 81 of 263 → 25.5–36.6 %).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_RATE_BASE, rateEvidence, readRate } from './format.js';

test('a rate of 81 of 263 reads with its n and its 95 % interval', () => {
  const r = readRate(81 / 263, 263);
  assert.equal(r.judged, true);
  assert.equal(rateEvidence(r, 'en'), 'n=263 · 95%: 25.5%–36.6%');
  assert.equal(rateEvidence(r, 'ja'), 'n=263 · 95%: 25.5%–36.6%');
});

test('3 of 3 customers is too few to judge, in both languages; the minimum is a parameter', () => {
  const r = readRate(1, 3);
  assert.equal(r.judged, false);
  assert.equal(rateEvidence(r, 'ja'), '判断するには少なすぎます (n=3)');
  assert.equal(rateEvidence(r, 'en'), 'too few to judge (n=3)');
  assert.equal(readRate(0.5, MIN_RATE_BASE - 1).judged, false);
  assert.equal(readRate(0.5, MIN_RATE_BASE).judged, true);
  assert.equal(readRate(0.5, 10, 10).judged, true);
  assert.equal(readRate(0.5, 9, 10).judged, false);
});

test('no rate reads as nothing, and is not judged', () => {
  const r = readRate(null, 0);
  assert.equal(r.judged, false);
  assert.equal(r.interval, null);
  assert.equal(rateEvidence(r, 'en'), '');
});
