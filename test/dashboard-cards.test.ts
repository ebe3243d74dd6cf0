// Every headline card of the dashboard's report pages against the table (or series) the same
// page shows for the same metric: the value is the table's current one and the delta is read
// from the table's two values. A card built from another metric's change (the purchase page once
// showed the overdue-customers change on the overdue-active card) fails here.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, closeStore, type Store } from '../src/store/db.js';
import { seedSampleBusiness } from '../src/server/testing.js';
import { toOverview, type CheckupReport } from '../src/report/index.js';
import type { CardModel, RowModel } from '../web/src/report/cards.js';
import {
  LIST_DAYS,
  distributionCards,
  distributionRows,
  listCards,
  overviewCards,
  overviewRows,
  purchaseCards,
  purchaseRows,
  seriesRows,
} from '../web/src/report/page-cards.js';

let store: Store;
let report: CheckupReport;

before(async () => {
  store = await openStore(':memory:');
  report = await seedSampleBusiness(store.conn);
});
after(() => closeStore(store));

/** Returns the delta a reader works out from a table row, by the card's kind. */
function fromRow(kind: string, row: RowModel): number | null {
  if (row.current === null || row.previous === null) return null;
  if (kind === 'change')
    return row.previous === 0 ? null : (row.current - row.previous) / Math.abs(row.previous);
  return row.current - row.previous;
}

/** Asserts each comparing card matches the row of its metric and compared date. */
function agree(page: string, cards: CardModel[], rows: RowModel[]) {
  const comparing = cards.filter((c) => c.compare);
  assert.ok(comparing.length > 0, `${page}: no card compares anything`);
  for (const c of comparing) {
    const row = rows.find((r) => r.metric === c.metric && r.days === c.compare!.when.days);
    assert.ok(row, `${page}: card ${c.id} (${c.metric}) has no table row`);
    assert.equal(c.value, row.current, `${page}: card ${c.id} value`);
    assert.equal(c.compare!.previous, row.previous, `${page}: card ${c.id} compared value`);
    const want = fromRow(c.compare!.kind, row);
    if (want === null) assert.equal(c.compare!.delta, null, `${page}: card ${c.id} delta`);
    else
      assert.ok(
        Math.abs(c.compare!.delta! - want) < 1e-9,
        `${page}: card ${c.id} delta ${c.compare!.delta} ≠ ${want}`,
      );
  }
}

test('the overview cards agree with its this-year / last-year table', () => {
  const o = toOverview(report);
  agree('overview', overviewCards(o), overviewRows(o));
});

test('the list diagnosis cards agree with the active-customer series', () => {
  const o = toOverview(report);
  agree('list', listCards(o), seriesRows(o.series, o.as_of, LIST_DAYS));
});

test('the purchase diagnosis cards agree with its year and overdue tables', () => {
  const rows = purchaseRows(report.purchase);
  agree('purchase', purchaseCards(report.purchase), [...rows.year, ...rows.overdue]);
  // The sample business has both overdue figures moving by different amounts, so a card that
  // took the overdue-customers change for the overdue-active one would be caught above.
  const od = report.purchase.overdue;
  assert.notEqual(od.change, od.current.overdue_active - od.previous.overdue_active);
});

test('the distribution diagnosis card agrees with its all-channels row', () => {
  agree(
    'distribution',
    distributionCards(report.distribution),
    distributionRows(report.distribution),
  );
});
