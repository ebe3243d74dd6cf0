import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextRuns, startRetryLoop, startSchedule } from './schedule.js';
import { chooseAsOf, localDate } from './as-of.js';
import { insertOrders, memoryStore } from '../store/fixtures.js';
import { closeStore } from '../store/db.js';

test('the cron pattern is read in the business timezone', () => {
  const from = new Date('2024-06-15T00:00:00Z');
  const runs = nextRuns('0 7 * * *', 'Asia/Tokyo', 2, from);
  // 07:00 in Tokyo is 22:00 UTC the day before.
  assert.deepEqual(
    runs.map((d) => d.toISOString()),
    ['2024-06-15T22:00:00.000Z', '2024-06-16T22:00:00.000Z'],
  );
  assert.throws(() => nextRuns('not a cron', 'Asia/Tokyo'));
});

test('a scheduled run that fails is reported and the schedule goes on', async () => {
  let runs = 0;
  const errors: unknown[] = [];
  const job = startSchedule({
    cron: '* * * * * *',
    timezone: 'Asia/Tokyo',
    run: async () => {
      runs++;
      if (runs === 1) throw new Error('boom');
    },
    onError: (e) => errors.push(e),
  });
  await new Promise((r) => setTimeout(r, 2600));
  job.stop();
  assert.ok(runs >= 2, `ran ${runs} times`);
  assert.equal((errors[0] as Error).message, 'boom');
});

test("today is the business timezone's date", () => {
  const t = new Date('2024-06-15T16:30:00Z');
  assert.equal(localDate(t, 'Asia/Tokyo'), '2024-06-16');
  assert.equal(localDate(t, 'America/New_York'), '2024-06-15');
});

test('the as-of date: the flag, else today when it has orders, else the last order date', async () => {
  const s = await memoryStore();
  await insertOrders(s.conn, [
    { customer_id: 'a', at: '2024-06-14', amount: 1000 },
    { customer_id: 'a', at: '2024-06-20', amount: 1000 }, // after "today": ignored
  ]);
  const now = new Date('2024-06-15T00:30:00Z'); // 09:30 on the 15th in Tokyo
  assert.deepEqual(await chooseAsOf(s.conn, 'Asia/Tokyo', undefined, now), {
    asOf: '2024-06-14',
    source: 'last_order',
  });
  await insertOrders(s.conn, [
    { order_id: 'x', customer_id: 'b', at: '2024-06-15 08:00:00', amount: 500 },
  ]);
  assert.deepEqual(await chooseAsOf(s.conn, 'Asia/Tokyo', undefined, now), {
    asOf: '2024-06-15',
    source: 'today',
  });
  assert.deepEqual(await chooseAsOf(s.conn, 'Asia/Tokyo', '2024-01-31', now), {
    asOf: '2024-01-31',
    source: 'flag',
  });
  closeStore(s);
});

test('the retry loop runs between daily runs, never during one or twice at once', async () => {
  let busy = false;
  let calls = 0;
  let inFlight = 0;
  let overlap = false;
  const stop = startRetryLoop({
    everyMs: 20,
    busy: () => busy,
    retry: async () => {
      calls++;
      inFlight++;
      if (inFlight > 1) overlap = true;
      await new Promise((r) => setTimeout(r, 50));
      inFlight--;
    },
  });
  await new Promise((r) => setTimeout(r, 130));
  const before = calls;
  busy = true;
  await new Promise((r) => setTimeout(r, 120));
  stop();
  assert.ok(before >= 1, 'ran between runs');
  assert.ok(calls - before <= 1, 'at most the call already under way when the run began');
  assert.equal(overlap, false);
});
