import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entityOfFile, mappingTag } from './inbox.js';

test('the entity comes from the file name prefix, the most specific first', () => {
  const cases: [string, string | null][] = [
    ['orders.csv', 'orders'],
    ['orders_2024-06-15.csv.gz', 'orders'],
    ['Order-Items-0615.xlsx', 'order-items'],
    ['order_items.csv', 'order-items'],
    ['customers@shopify.csv', 'customers'],
    ['contacts-dm.csv', 'contacts'],
    ['ad_spend.csv', 'ad-spend'],
    ['lead-events.csv', 'lead-events'],
    ['leads.csv', 'leads'],
    ['受注データ.csv', 'orders'],
    ['受注明細.csv', 'order-items'],
    ['顧客一覧.csv', 'customers'],
    ['ｏｒｄｅｒｓ.csv', 'orders'],
    ['report.pdf', null],
  ];
  for (const [name, entity] of cases) assert.equal(entityOfFile(name), entity, name);
});

test('a saved mapping is named after @ in the file name', () => {
  assert.equal(mappingTag('orders@shopify.csv'), 'shopify');
  assert.equal(mappingTag('/in/customers@rakuten_2024.csv'), 'rakuten_2024');
  assert.equal(mappingTag('orders.csv'), null);
});
