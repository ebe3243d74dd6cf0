import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ENTITIES } from './entities.js';
import { ImportError } from './errors.js';
import { checkRequired, mapHeaders, normaliseHeader, stripHeaderNotes } from './headers.js';
import { buildPlan, candidateFields } from './plan.js';
import { detectPreset } from './presets/registry.js';

const fieldsOf = (headers: string[], entity: Parameters<typeof candidateFields>[0] = 'orders') =>
  mapHeaders(headers, {
    entity,
    candidates: candidateFields(entity, null),
    attributes: entity === 'customers',
  }).columns.map((c) => c.field);

describe('normalising headers', () => {
  test('full-width, half-width, case, spaces and punctuation fold away', () => {
    assert.equal(normaliseHeader('顧客ＩＤ'), '顧客id');
    assert.equal(normaliseHeader(' Customer_ID '), 'customerid');
    assert.equal(normaliseHeader('受注　日'), '受注日');
    assert.equal(normaliseHeader('\uFEFForder-id'), 'orderid');
    assert.equal(normaliseHeader('ｽﾃｰﾀｽ'), 'ステータス');
  });

  test('bracketed notes can be dropped', () => {
    assert.equal(stripHeaderNotes('合計金額（税込）'), '合計金額');
    assert.equal(stripHeaderNotes('金額[円]'), '金額');
    assert.equal(stripHeaderNotes('【必須】顧客番号'), '顧客番号');
  });
});

describe('mapping headers to fields', () => {
  test('canonical names, Japanese headers and English variants', () => {
    assert.deepEqual(fieldsOf(['order_id', 'customer_id', 'ordered_at', 'amount']), [
      'order_id',
      'customer_id',
      'ordered_at',
      'amount',
    ]);
    assert.deepEqual(
      fieldsOf([
        '受注番号',
        '会員ID',
        '注文日',
        '請求金額',
        '受注ステータス',
        'チャネル',
        'クーポンコード',
        '値引額',
        '送料',
      ]),
      [
        'order_id',
        'customer_id',
        'ordered_at',
        'amount',
        'status',
        'channel',
        'coupon_code',
        'discount_amount',
        'shipping',
      ],
    );
    assert.deepEqual(fieldsOf(['Order Number', 'Customer No', 'Order Date', 'Grand Total']), [
      'order_id',
      'customer_id',
      'ordered_at',
      'amount',
    ]);
    assert.deepEqual(
      fieldsOf(['商品コード', '商品名', '数量', '単価', 'カテゴリ'], 'order-items'),
      ['sku', 'product_name', 'quantity', 'unit_price', 'category'],
    );
    assert.deepEqual(
      fieldsOf(
        [
          '顧客番号',
          '氏名',
          'メールアドレス',
          '電話番号',
          '郵便番号',
          '都道府県',
          '生年月日',
          '性別',
          '流入経路',
          '紹介者ID',
        ],
        'customers',
      ),
      [
        'customer_id',
        'name',
        'email',
        'phone',
        'postal_code',
        'prefecture',
        'birth_date',
        'gender',
        'acquisition_channel',
        'referred_by_customer_id',
      ],
    );
    assert.deepEqual(fieldsOf(['顧客ID', '発送日', '媒体'], 'contacts'), [
      'customer_id',
      'sent_at',
      'channel',
    ]);
    assert.deepEqual(fieldsOf(['顧客ID', '配信日', 'チャネル'], 'contacts'), [
      'customer_id',
      'sent_at',
      'channel',
    ]);
  });

  test('the same word means different fields in different entities', () => {
    assert.deepEqual(fieldsOf(['日付', '金額'], 'orders'), ['ordered_at', 'amount']);
    assert.deepEqual(fieldsOf(['日付', '金額'], 'ad-spend'), ['date', 'amount']);
    assert.deepEqual(fieldsOf(['送付日', '費用'], 'contacts'), ['sent_at', 'cost']);
  });

  test('unknown columns: ignored for orders, attributes for customers', () => {
    const orders = mapHeaders(['order_id', '備考'], {
      entity: 'orders',
      candidates: candidateFields('orders', null),
    });
    assert.deepEqual(orders.columns[1], { index: 1, header: '備考', field: null, via: 'ignored' });
    const customers = mapHeaders(['customer_id', '会員ランク'], {
      entity: 'customers',
      candidates: candidateFields('customers', null),
      attributes: true,
    });
    assert.equal(customers.columns[1].via, 'attribute');
  });

  test('two columns for one field is a problem, not a silent choice; every pair is listed', () => {
    const m = mapHeaders(['注文日', '購入日', '金額', '合計金額'], {
      entity: 'orders',
      candidates: candidateFields('orders', null),
    });
    assert.deepEqual(
      m.conflicts.map((c) => [c.code, c.fix]),
      [
        ['ambiguous_column', '購入日=-'],
        ['ambiguous_column', '合計金額=-'],
      ],
    );
    assert.match(m.conflicts[0].message, /注文日.*購入日.*ordered_at/);
    const plan = buildPlan('orders', ['注文番号', '注文日', '購入日', '金額', '合計金額']);
    assert.deepEqual(
      plan.problems.map((p) => p.code),
      ['ambiguous_column', 'ambiguous_column'],
    );
  });

  test('--map wins; "-" ignores a column; unknown headers and fields are errors', () => {
    const m = mapHeaders(['注文日', '購入日', 'Yen'], {
      entity: 'orders',
      candidates: candidateFields('orders', null),
      explicit: { 購入日: 'ordered_at', Yen: 'amount' },
    });
    assert.deepEqual(
      m.columns.map((c) => [c.field, c.via]),
      [
        [null, 'ignored'],
        ['ordered_at', 'map'],
        ['amount', 'map'],
      ],
    );
    assert.equal(m.columns[0].note, 'ordered_at is mapped from another column');
    const ignored = mapHeaders(['注文日', '購入日'], {
      entity: 'orders',
      candidates: candidateFields('orders', null),
      explicit: { 購入日: '-' },
    });
    assert.deepEqual(ignored.fields, { ordered_at: 0 });
    assert.throws(
      () =>
        mapHeaders(['a'], {
          entity: 'orders',
          candidates: candidateFields('orders', null),
          explicit: { b: 'amount' },
        }),
      /no column "b"/,
    );
    assert.throws(
      () =>
        mapHeaders(['a'], {
          entity: 'orders',
          candidates: candidateFields('orders', null),
          explicit: { a: 'price' },
        }),
      /price is not a field of orders/,
    );
  });

  test('a missing required field lists the headers found and the fields expected', () => {
    const m = mapHeaders(['顧客ID', '金額'], {
      entity: 'orders',
      candidates: ENTITIES.orders.fields,
    });
    assert.throws(
      () => checkRequired(m, ['order_id', 'ordered_at', 'amount'], 'orders', ['customer_id']),
      (err: ImportError) =>
        err.code === 'missing_column' &&
        err.message.includes('required column missing: order_id, ordered_at') &&
        err.message.includes('columns found: 顧客ID, 金額') &&
        err.message.includes('order_id (受注番号 / 注文番号 / 受注ID …)'),
    );
  });
});

describe('plans', () => {
  test('line columns turn an orders import into a line-item import', () => {
    assert.equal(buildPlan('orders', ['order_id', 'ordered_at', 'amount']).mode, 'rows');
    assert.equal(
      buildPlan('orders', ['order_id', 'ordered_at', 'sku', 'quantity', 'unit_price']).mode,
      'lines',
    );
    assert.equal(
      buildPlan('order-items', ['order_id', 'sku', 'quantity', 'unit_price']).mode,
      'items',
    );
    assert.equal(
      buildPlan('order-items', [
        'InvoiceNo',
        'StockCode',
        'Quantity',
        'UnitPrice',
        'InvoiceDate',
        'CustomerID',
      ]).mode,
      'lines',
    );
  });

  test('a Shopify orders export is recognised by its headers', () => {
    const headers = [
      'Name',
      'Email',
      'Financial Status',
      'Created at',
      'Total',
      'Lineitem quantity',
      'Lineitem name',
      'Lineitem price',
      'Lineitem sku',
    ];
    assert.equal(detectPreset('orders', headers)?.id, 'shopify');
    assert.equal(detectPreset('orders', ['Name', 'Email', 'Total']), null);
    assert.equal(detectPreset('customers', headers), null);
    const plan = buildPlan('orders', headers);
    assert.equal(plan.preset, 'shopify');
    assert.deepEqual(plan.customerKey, { rule: 'email', headers: ['Email'] });
    assert.ok(plan.fields.some((f) => f.name === 'status' && f.header === 'Financial Status'));
  });
});
