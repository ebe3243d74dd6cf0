// Builds the rows of orders.csv and order_items.csv. An order is a basket of 1–n lines drawn
// from the catalogue (favourite category first, gift products in their season); its amount is
//
//   amount = Σ quantity × unit_price − discount_amount      (shipping is a separate column,
//                                                           not included in amount)
//
// so the lines always reconcile with the order. Cancelled and returned orders keep their
// positive amount (a returned order as a whole: neither a purchase nor revenue, per
// docs/import-formats.md). Guest orders (no customer) are interleaved at the guest rate.
import { Calendar } from './calendar.js';
import { CATEGORIES, PRODUCTS, type ProductTables } from './catalog.js';
import { ORDER_CHANNELS, orderSecond, type Customer } from './customer.js';
import { OrderKind, OrderStatus } from './life.js';
import type { Phase } from './phases.js';
import type { Rng } from './random.js';
import { COUPONS, type BaseKnobs, type CouponCode } from './scenario.js';
import type { CsvSink } from './csv-sink.js';

/** Header of orders.csv. */
export const ORDER_HEADER = [
  'order_id',
  'customer_id',
  'ordered_at',
  'amount',
  'discount_amount',
  'shipping',
  'status',
  'channel',
  'coupon_code',
];
/** Header of order_items.csv. */
export const ITEM_HEADER = [
  'order_id',
  'sku',
  'product_name',
  'category',
  'quantity',
  'unit_price',
];

const STATUS_TEXT = ['completed', 'cancelled', 'returned'];
const FREE_SHIPPING_FROM = 5000;
const SHIPPING = 550;
const MAX_LINES = 8;
// ",sku,name,category," per product, so an item row is one concatenation.
const ITEM_MIDDLE = PRODUCTS.map((p) => `,${p.sku},${p.name},${p.category},`);

/** Totals kept while writing. */
export interface OrderCounts {
  orders: number;
  guestOrders: number;
  items: number;
  /** Σ amount of completed orders of identified customers, yen. */
  revenue: number;
}

/** Writes orders and their lines. */
export class OrderWriter {
  readonly counts: OrderCounts = { orders: 0, guestOrders: 0, items: 0, revenue: 0 };
  private nextId = 1;
  // Reused per order: product index and quantity of each line.
  private readonly lineProduct = new Int32Array(MAX_LINES);
  private readonly lineQty = new Int32Array(MAX_LINES);

  constructor(
    private readonly cal: Calendar,
    private readonly knobs: BaseKnobs,
    private readonly tables: ProductTables,
    private readonly orders: CsvSink,
    private readonly items: CsvSink,
  ) {}

  /** Writes a customer's order (and, at the guest rate, a guest order the same day). */
  write(
    c: Customer,
    day: number,
    kind: OrderKind,
    status: OrderStatus,
    phase: Phase,
    rng: Rng,
  ): void {
    const second = kind === OrderKind.First ? c.firstSecond : orderSecond(rng);
    const entry = kind === OrderKind.First && rng.chance(this.knobs.entryShare);
    const lines = entry
      ? this.entryBasket(c, rng)
      : this.basket(rng, day, c.favourite, this.knobs.linesMean * c.basket * phase.spendMultiplier);
    const coupon = this.couponFor(c, kind, rng);
    const amount = this.emit(
      c.id,
      day,
      second,
      lines,
      coupon,
      entry,
      status,
      ORDER_CHANNELS[c.orderChannel],
    );
    this.counts.orders++;
    if (status === OrderStatus.Completed) this.counts.revenue += amount;
    if (rng.chance(this.knobs.guestRate)) this.guest(day, rng);
  }

  // A guest order: no customer id, the web shop, an ordinary basket.
  private guest(day: number, rng: Rng): void {
    const lines = this.basket(rng, day, CATEGORIES.length, this.knobs.linesMean);
    const u = rng.next();
    const status =
      u < this.knobs.cancelRate
        ? OrderStatus.Cancelled
        : u < this.knobs.cancelRate + this.knobs.returnRate
          ? OrderStatus.Returned
          : OrderStatus.Completed;
    this.emit('', day, orderSecond(rng), lines, null, false, status, 'web');
    this.counts.guestOrders++;
  }

  private couponFor(c: Customer, kind: OrderKind, rng: Rng): CouponCode | null {
    switch (kind) {
      case OrderKind.First:
        return c.coupon;
      case OrderKind.Comeback:
        return rng.chance(0.6) ? 'COMEBACK1000' : null;
      case OrderKind.Response:
        return rng.chance(this.knobs.responseCouponRate) ? 'THANKS10' : null;
      default:
        return rng.chance(this.knobs.repeatCouponRate) ? 'THANKS10' : null;
    }
  }

  // A first order that is a trial set alone (of the favourite category when it has one).
  private entryBasket(c: Customer, rng: Rng): number {
    const entries = this.tables.entries;
    const own = entries.find((i) => PRODUCTS[i].category === CATEGORIES[c.favourite]);
    this.lineProduct[0] = own ?? entries[rng.int(entries.length)];
    this.lineQty[0] = 1;
    return 1;
  }

  // 1 + Poisson(mean − 1) lines; a product drawn twice adds to its line's quantity.
  private basket(rng: Rng, day: number, favourite: number, meanLines: number): number {
    const n = Math.min(MAX_LINES, 1 + rng.poisson(Math.max(0, meanLines - 1)));
    const byCategory = this.tables.byMonth[this.cal.calendarMonth(day)];
    let lines = 0;
    for (let k = 0; k < n; k++) {
      const cat =
        favourite < CATEGORIES.length && rng.chance(this.knobs.favouriteShare)
          ? favourite
          : CATEGORIES.length;
      const prod = rng.pick(byCategory[cat]);
      const u = rng.next();
      const qty = u < 0.75 ? 1 : u < 0.93 ? 2 : 3;
      let j = 0;
      while (j < lines && this.lineProduct[j] !== prod) j++;
      if (j < lines) this.lineQty[j] += qty;
      else {
        this.lineProduct[lines] = prod;
        this.lineQty[lines++] = qty;
      }
    }
    return lines;
  }

  // Writes the order row and its lines; returns the amount.
  private emit(
    customerId: string,
    day: number,
    second: number,
    lines: number,
    coupon: CouponCode | null,
    entry: boolean,
    status: OrderStatus,
    channel: string,
  ): number {
    const id = `O${String(this.nextId++).padStart(9, '0')}`;
    let subtotal = 0;
    for (let j = 0; j < lines; j++) {
      const prod = this.lineProduct[j];
      const price = PRODUCTS[prod].price;
      subtotal += price * this.lineQty[j];
      this.items.row(`${id}${ITEM_MIDDLE[prod]}${this.lineQty[j]},${price}\n`);
    }
    this.counts.items += lines;
    let discount = 0;
    if (coupon) {
      const c = COUPONS[coupon];
      // A fixed coupon never takes more than half of a small order (a trial set stays paid).
      discount =
        c.kind === 'percent'
          ? Math.floor((subtotal * c.value) / 100)
          : Math.min(c.value, Math.floor(subtotal / 2));
    }
    const amount = subtotal - discount;
    const shipping = entry || amount >= FREE_SHIPPING_FROM ? 0 : SHIPPING;
    this.orders.row(
      `${id},${customerId},${this.cal.timestamp(day, second)},${amount},${discount},${shipping},${STATUS_TEXT[status]},${channel},${coupon ?? ''}\n`,
    );
    return amount;
  }
}
