// The words behind a customer's P(alive): days since the last purchase against their own usual
// interval (hand-computed: 4 purchase days over 135 days is one every 45), and the one-time
// buyer's P(alive) of 1 explained rather than shown as good news.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pAliveReason, usualInterval } from './p-alive-words.js';

test('210 days without a purchase against a usual 45 reads as the issue says', () => {
  const f = {
    p_alive: 0.12,
    r_days: 210,
    purchase_days: 4,
    first_purchase: '2024-01-01',
    last_purchase: '2024-05-15', // 135 days after the first: 3 intervals of 45
  };
  assert.equal(usualInterval(f), 45);
  const r = pAliveReason(f);
  assert.equal(
    r.en,
    'P(alive) 12%: no purchase for 210 days against a usual interval of 45 (4 purchase days); 4.7 times the usual interval has passed: the customer may have left.',
  );
  assert.match(r.ja, /最後の購入から210日、いつもの購入間隔は45日/);
  const recent = pAliveReason({ ...f, p_alive: 0.93, r_days: 30 });
  assert.match(recent.en, /within the usual interval/);
});

test('a one-time buyer: P(alive) 1 is explained, not praised', () => {
  const r = pAliveReason({
    p_alive: 1,
    r_days: 300,
    purchase_days: 1,
    first_purchase: '2024-01-01',
    last_purchase: '2024-01-01',
  });
  assert.match(r.en, /^P\(alive\) 100%: one purchase day only \(300 days ago\)/);
  assert.match(r.ja, /1回だけの顧客の P\(alive\) は 1 になります/);
  assert.equal(
    usualInterval({
      ...{ p_alive: 1, r_days: 1, purchase_days: 1 },
      first_purchase: 'x',
      last_purchase: 'x',
    }),
    null,
  );
});
