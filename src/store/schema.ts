// Versioned migrations of the canonical data model (SPEC §2). Each migration runs once, in
// order, inside a transaction; the applied versions are recorded in schema_migrations.
//
// Conventions:
// - Money is DECIMAL(18,4): exact, and wide enough for yen and for currencies with cents.
// - Timestamps are local wall-clock times in the business's timezone (TIMESTAMP without zone);
//   importers convert zoned input before storing. Metrics use CAST(ts AS DATE) as the local date.
// - Keys are not declared as PRIMARY KEY: DuckDB's ART indexes cost memory on tens of millions
//   of rows, and importers enforce uniqueness themselves (delete-by-key then insert, in one
//   transaction).

import { USERS_SQL } from './users-store.js';
import { ALERTS_SENT_SQL } from './alerts-store.js';
import { FOLLOWUP_SQL } from './followup-store.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'canonical model',
    sql: `
CREATE TABLE settings (
  key VARCHAR NOT NULL,
  value VARCHAR NOT NULL,            -- JSON text
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE customers (
  customer_id VARCHAR NOT NULL,
  created_at TIMESTAMP,
  name VARCHAR,
  email VARCHAR,
  phone VARCHAR,
  postal_code VARCHAR,
  prefecture VARCHAR,
  birth_date DATE,
  gender VARCHAR,
  acquisition_channel VARCHAR,
  referred_by_customer_id VARCHAR,
  attributes VARCHAR,                -- JSON object of free key/value pairs
  anonymized_at TIMESTAMP
);

CREATE TABLE orders (
  order_id VARCHAR NOT NULL,
  customer_id VARCHAR,               -- NULL: guest order, reported as unattributed revenue
  ordered_at TIMESTAMP NOT NULL,
  amount DECIMAL(18,4) NOT NULL,     -- net, tax included; negative only on a return (credit note)
  discount_amount DECIMAL(18,4),
  shipping DECIMAL(18,4),
  status VARCHAR NOT NULL CHECK (status IN ('completed', 'cancelled', 'returned')),
  channel VARCHAR,
  coupon_code VARCHAR
);

CREATE TABLE order_items (
  order_id VARCHAR NOT NULL,
  line_no INTEGER NOT NULL,
  sku VARCHAR NOT NULL,
  product_name VARCHAR,
  category VARCHAR,
  quantity DECIMAL(18,4) NOT NULL,
  unit_price DECIMAL(18,4) NOT NULL
);

CREATE TABLE contacts (
  contact_id VARCHAR NOT NULL,       -- derived from (customer, time, channel, campaign) when absent
  customer_id VARCHAR NOT NULL,
  sent_at TIMESTAMP NOT NULL,
  channel VARCHAR NOT NULL CHECK (channel IN ('dm', 'email', 'line', 'sms', 'call', 'other')),
  campaign_id VARCHAR,
  cost DECIMAL(18,4)
);

CREATE TABLE campaigns (
  campaign_id VARCHAR NOT NULL,
  name VARCHAR,
  channel VARCHAR,
  started_at TIMESTAMP,
  cost DECIMAL(18,4)
);

CREATE TABLE ad_spend (
  date DATE NOT NULL,                -- a monthly figure is stored on the first day of its month
  channel VARCHAR NOT NULL,
  amount DECIMAL(18,4) NOT NULL
);

CREATE TABLE leads (
  lead_id VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  email VARCHAR,
  source VARCHAR,
  customer_id VARCHAR
);

CREATE TABLE lead_events (
  lead_id VARCHAR NOT NULL,
  type VARCHAR NOT NULL,             -- e.g. signed_up, engaged, trial (see settings.ladder)
  event_at TIMESTAMP NOT NULL        -- SPEC's "at"; AT is a keyword in SQL
);

-- One row per import run, for the summary and the audit trail.
CREATE TABLE import_runs (
  run_id VARCHAR NOT NULL,
  entity VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  file_sha256 VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_stored BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  started_at TIMESTAMP NOT NULL,
  finished_at TIMESTAMP NOT NULL
);

-- Saved column mappings, reusable with --mapping NAME.
CREATE TABLE import_mappings (
  name VARCHAR NOT NULL,
  entity VARCHAR NOT NULL,
  mapping VARCHAR NOT NULL,          -- JSON: { "source header": "canonical field" }
  options VARCHAR NOT NULL,          -- JSON: encoding, delimiter, ...
  saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Logins, exports of personal data and deletions (SPEC §9).
CREATE TABLE audit_log (
  logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  actor VARCHAR NOT NULL,
  action VARCHAR NOT NULL,
  detail VARCHAR
);

-- Stored checkup results: one per as-of date; every output reads these (one truth).
CREATE TABLE checkups (
  as_of DATE NOT NULL,
  computed_at TIMESTAMP NOT NULL,
  report VARCHAR NOT NULL            -- JSON of the whole report
);

-- Findings with their date, for the history of when each problem began and ended.
CREATE TABLE findings (
  as_of DATE NOT NULL,
  finding_id VARCHAR NOT NULL,
  severity VARCHAR NOT NULL,
  finding VARCHAR NOT NULL           -- JSON
);
`,
  },
  {
    version: 2,
    name: 'live segment definitions',
    sql: `
-- Live segment definitions (SPEC §5): a segment is a saved definition, evaluated on export.
CREATE TABLE IF NOT EXISTS segment_definitions (
  name VARCHAR NOT NULL,             -- unique by convention: saving replaces (delete then insert)
  definition VARCHAR NOT NULL,       -- JSON {"from": [...], "where": {...}, "description_ja"?, "description_en"?}
  saved_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
`,
  },
  {
    version: 3,
    name: 'users, sessions, alerts sent, follow-up steps',
    // The DDL lives beside the code that owns each table; IF NOT EXISTS keeps databases that
    // created them on first use valid.
    sql: [USERS_SQL, ALERTS_SENT_SQL, ...FOLLOWUP_SQL].map((q) => q.trim().replace(/;?$/, ';')).join('\n'),
  },
];
