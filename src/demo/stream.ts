// The main loop: every customer in acquisition order — draw the traits, find a referrer, write
// the customer, simulate the life (orders, lines, contacts), write the leads — then wait for the
// files when their buffers are full. Only two small typed arrays per customer are kept (for
// referrals); everything else goes straight to the files.
import { STREAM, type AdSpend } from './acquisition.js';
import { contactSuffixes } from './campaigns.js';
import { drainAll, type CsvSink } from './csv-sink.js';
import { customerId, drawCustomer } from './customer.js';
import type { LeadWriter } from './leads.js';
import { simulateLife, type LifeSink } from './life.js';
import type { Model } from './model.js';
import type { OrderWriter } from './orders.js';
import { customerRow } from './profile.js';
import { Rng } from './random.js';
import { CHANNELS, type ExtraCohort } from './scenario.js';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** Where the loop writes. */
export interface Writers {
  customers: CsvSink;
  contacts: CsvSink;
  /** Every open file, for backpressure. */
  all: readonly CsvSink[];
  orders: OrderWriter;
  leads: LeadWriter;
  adSpend: AdSpend;
  /** Contacts per campaign (for the campaign's cost). */
  perCampaign: Int32Array;
  onProgress?: (done: number, total: number) => void;
}

/** Streams every customer of the plan into the writers; returns the number of referred customers. */
export async function streamCustomers(m: Model, w: Writers): Promise<number> {
  const { cal, phases, plan, draw, life } = m;
  const seed = m.options.seed;
  const rng = new Rng(0);
  const side = new Rng(0); // profile, referral and leads: streams of their own
  const loyalDay = new Int32Array(plan.total).fill(-1);
  const lastDay = new Int32Array(plan.total);
  const suffix = contactSuffixes(m.campaigns);
  let contactNo = 1;
  const sink: LifeSink = {
    order: (c, day, kind, status, ph) => w.orders.write(c, day, kind, status, ph, rng),
    contact: (c, ci) => {
      w.contacts.row(`CT${String(contactNo++).padStart(10, '0')},${c.id}${suffix[ci]}`);
      w.perCampaign[ci]++;
    },
  };
  let index = 0;
  let referred = 0;
  for (let i = 0; i < cal.days; i++) {
    const day = cal.start + i;
    const ph = phases.at(day);
    const n = plan.base[i] + plan.extra[i];
    for (let k = 0; k < n; k++, index++) {
      const cohort: ExtraCohort | null = k < plan.base[i] ? null : ph.extraCohort;
      const c = drawCustomer(draw, rng.reseed(seed, STREAM.customer, index), index, day, cohort);
      let referrer = '';
      if (CHANNELS[c.channel] === 'referral') {
        const r = pickReferrer(
          side.reseed(seed, STREAM.referral, index),
          index,
          day,
          loyalDay,
          lastDay,
        );
        if (r >= 0) {
          referrer = customerId(r);
          referred++;
        }
      }
      const { row, email } = customerRow(
        cal,
        c,
        referrer,
        side.reseed(seed, STREAM.profile, index),
      );
      w.customers.row(row);
      w.adSpend.add(
        day,
        c.channel,
        cohort ? cohort.cpa : m.knobs.channels[CHANNELS[c.channel]].cpa * ph.cpaMultiplier,
      );
      const res = simulateLife(life, c, rng, sink);
      loyalDay[index] = res.loyalDay;
      lastDay[index] = res.lastDay;
      w.leads.write(c, email, side.reseed(seed, STREAM.leads, index));
      if (((index + 1) & 63) === 0) {
        // Awaiting a settled promise never reaches the event loop, where the write streams
        // start their next write: yield now and then so that disk writes overlap generation.
        await yieldToEventLoop();
        if (((index + 1) & 1023) === 0) w.onProgress?.(index + 1, plan.total);
      }
      const full = drainAll(w.all);
      if (full) await full;
    }
  }
  w.onProgress?.(index, plan.total);
  return referred;
}

// A referrer is an earlier customer who had three purchases by the referral day and still bought
// within the 120 days before it (an active, loyal customer); −1 when none is found in 40 tries.
function pickReferrer(
  rng: Rng,
  index: number,
  day: number,
  loyalDay: Int32Array,
  lastDay: Int32Array,
): number {
  if (index === 0) return -1;
  for (let t = 0; t < 40; t++) {
    const k = rng.int(index);
    if (loyalDay[k] >= 0 && loyalDay[k] <= day && lastDay[k] >= day - 120) return k;
  }
  return -1;
}
