// Prospects before the first purchase. Part of the new customers signed up first (newsletter,
// free sample request) and walked the ladder signed_up → engaged → trial before buying: their
// lead row carries the customer_id. Around each new customer a few more people sign up who
// never buy, so conversion is a real rate. Events never fall after the end date.
import type { Calendar } from './calendar.js';
import type { CsvSink } from './csv-sink.js';
import type { Customer } from './customer.js';
import { leadEmail } from './profile.js';
import type { Rng } from './random.js';
import { CHANNELS, type BaseKnobs } from './scenario.js';
import type { CustomerTables } from './customer.js';

/** Header of leads.csv. */
export const LEAD_HEADER = ['lead_id', 'created_at', 'email', 'source', 'customer_id'];
/** Header of lead_events.csv. */
export const LEAD_EVENT_HEADER = ['lead_id', 'type', 'event_at'];

/** Writes leads and their events. */
export class LeadWriter {
  /** Leads that became customers. */
  converted = 0;
  private nextNo = 1;
  // Day and second of the lead's previous event: a later event on the same day comes after it.
  private prevDay = 0;
  private prevSecond = 0;

  constructor(
    private readonly cal: Calendar,
    private readonly knobs: BaseKnobs,
    private readonly tables: CustomerTables,
    private readonly leads: CsvSink,
    private readonly events: CsvSink,
  ) {}

  /** Writes the leads around a new customer: maybe the customer's own, and the ones who never buy. */
  write(c: Customer, email: string, rng: Rng): void {
    const { cal, knobs } = this;
    if (rng.chance(knobs.channels[CHANNELS[c.channel]].leadRate)) {
      // Signed up 1 + Exp(20) days before the first order; climbed the ladder in between.
      const created = c.firstDay - 1 - Math.floor(rng.exp(20));
      if (created >= cal.start) {
        const id = this.lead(created, email, CHANNELS[c.channel], c.id, rng);
        const span = c.firstDay - created;
        let at = created;
        if (rng.chance(0.85)) {
          at += rng.int(span);
          this.event(id, 'engaged', at, rng);
          if (rng.chance(0.5)) this.event(id, 'trial', at + rng.int(c.firstDay - at), rng);
        }
        this.converted++;
      }
    }
    const others = rng.poisson(knobs.leadsPerNewCustomer);
    for (let k = 0; k < others; k++) {
      const created = Math.min(cal.end, Math.max(cal.start, c.firstDay + rng.int(61) - 30));
      const no = this.nextNo;
      const id = this.lead(
        created,
        leadEmail(no, rng),
        CHANNELS[rng.pick(this.tables.channelCum)],
        '',
        rng,
      );
      if (!rng.chance(0.4)) continue;
      const engaged = created + Math.floor(rng.exp(7));
      if (engaged > cal.end) continue;
      this.event(id, 'engaged', engaged, rng);
      const trial = engaged + Math.floor(rng.exp(7));
      if (rng.chance(0.25) && trial <= cal.end) this.event(id, 'trial', trial, rng);
    }
  }

  // Writes a lead and its signed_up event; returns the lead id.
  private lead(day: number, email: string, source: string, customerId: string, rng: Rng): string {
    const id = `L${String(this.nextNo++).padStart(9, '0')}`;
    this.prevDay = -1;
    const at = this.at(day, rng);
    this.leads.row(`${id},${at},${email},${source},${customerId}\n`);
    this.events.row(`${id},signed_up,${at}\n`);
    return id;
  }

  private event(id: string, type: string, day: number, rng: Rng): void {
    this.events.row(`${id},${type},${this.at(day, rng)}\n`);
  }

  // A daytime timestamp on `day`, after the lead's previous event when that was the same day.
  private at(day: number, rng: Rng): string {
    const from = day === this.prevDay ? this.prevSecond + 1 : 8 * 3600;
    const second = Math.min(86399, from + rng.int(Math.max(1, 23 * 3600 - from)));
    this.prevDay = day;
    this.prevSecond = second;
    return this.cal.timestamp(day, second);
  }
}
