// Options of `kenshin demo-data` / generateDemoData, their defaults and their validation.
import { parseIsoDay } from './calendar.js';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from './scenario.js';

/** What to generate. */
export interface DemoOptions {
  /** Output directory (created if missing; existing files of the same names are replaced). */
  dir: string;
  /** Customers acquired over the whole history in the healthy plan, 300 … 1,000,000 (default 5,000). A scenario that cuts or adds acquisition changes the actual count (see the manifest). */
  customers?: number;
  /** Random seed, an integer ≥ 0 (default 1). Same options and seed → byte-identical files. */
  seed?: number;
  /** Last possible order date, YYYY-MM-DD (default 2026-10-31). */
  endDate?: string;
  /** Years of history, 2 … 10 (default 4). */
  years?: number;
  /** Named scenario (default healthy). */
  scenario?: ScenarioName;
  /** Contacts in the last 365 days per active customer in the healthy business (default 12). */
  contactsPerActivePerYear?: number;
  /** Orders per customer over the history in the healthy business (default: the model's own, about 4–5). */
  ordersPerCustomer?: number;
  /** Called now and then with the customers written so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  dir: string;
  customers: number;
  seed: number;
  endDate: string;
  years: number;
  scenario: ScenarioName;
  contactsPerActivePerYear: number;
  ordersPerCustomer: number | null;
}

/** A bad option: a stable code and a message in Japanese and English. */
export class DemoOptionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Returns the options with defaults; throws DemoOptionError on a bad value. */
export function resolveOptions(o: DemoOptions): ResolvedOptions {
  const r: ResolvedOptions = {
    dir: o.dir,
    customers: o.customers ?? 5000,
    seed: o.seed ?? 1,
    endDate: o.endDate ?? '2026-10-31',
    years: o.years ?? 4,
    scenario: o.scenario ?? 'healthy',
    contactsPerActivePerYear: o.contactsPerActivePerYear ?? 12,
    ordersPerCustomer: o.ordersPerCustomer ?? null,
  };
  const bad = (code: string, ja: string, en: string): never => {
    throw new DemoOptionError(code, `${ja} / ${en}`);
  };
  if (!r.dir)
    bad('bad_dir', '出力先ディレクトリを指定してください', 'an output directory is required');
  if (!Number.isInteger(r.customers) || r.customers < 300 || r.customers > 1_000_000)
    bad(
      'bad_customers',
      `顧客数は 300〜1,000,000 の整数で指定してください: ${r.customers}`,
      `customers must be an integer from 300 to 1,000,000: ${r.customers}`,
    );
  if (!Number.isInteger(r.seed) || r.seed < 0 || r.seed > 0xffffffff)
    bad(
      'bad_seed',
      `シードは 0 以上の整数で指定してください: ${r.seed}`,
      `seed must be an integer ≥ 0: ${r.seed}`,
    );
  if (Number.isNaN(parseIsoDay(r.endDate)))
    bad(
      'bad_date',
      `終了日は YYYY-MM-DD で指定してください: ${r.endDate}`,
      `end date must be YYYY-MM-DD: ${r.endDate}`,
    );
  if (!Number.isInteger(r.years) || r.years < 2 || r.years > 10)
    bad(
      'bad_years',
      `年数は 2〜10 の整数で指定してください: ${r.years}`,
      `years must be an integer from 2 to 10: ${r.years}`,
    );
  if (!isScenarioName(r.scenario))
    bad(
      'bad_scenario',
      `シナリオ名が不明です: ${r.scenario}（${SCENARIO_NAMES.join(', ')}）`,
      `unknown scenario: ${r.scenario} (${SCENARIO_NAMES.join(', ')})`,
    );
  if (!(r.contactsPerActivePerYear > 0 && r.contactsPerActivePerYear <= 200))
    bad(
      'bad_contacts',
      `稼働顧客一人当り年間配布数は 0 より大きく 200 以下: ${r.contactsPerActivePerYear}`,
      `contacts per active customer per year must be in (0, 200]: ${r.contactsPerActivePerYear}`,
    );
  if (r.ordersPerCustomer !== null && !(r.ordersPerCustomer >= 1.2 && r.ordersPerCustomer <= 50))
    bad(
      'bad_orders',
      `顧客一人当り注文数は 1.2〜50: ${r.ordersPerCustomer}`,
      `orders per customer must be from 1.2 to 50: ${r.ordersPerCustomer}`,
    );
  return r;
}
