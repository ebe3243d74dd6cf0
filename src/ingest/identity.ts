// Customer identity when a file has no customer id (SPEC §2, docs/import-formats.md "Customer
// identity"): the key is the e-mail, normalised (trim, full-width folded, lower case); else name +
// phone, normalised (full-width folded, no spaces or hyphens, phone digits only), as
// `np:<name>:<digits>`. Pure SQL builders over raw text; the plan chooses the rule per file.
import { foldSql, blankSql } from './values-sql.js';

/** The rule a file's customer key follows. */
export type CustomerKeyRule = 'id' | 'email' | 'email_or_name_phone' | 'name_phone' | 'none';

/** Returns raw-text SQL of the normalised e-mail key (NULL when empty). */
export function emailKeySql(email: string): string {
  const k = `lower(replace(${foldSql(blankSql(email))}, ' ', ''))`;
  // A spreadsheet's decimal (17850.0) in the column is the id clean-up's 17850: the key is
  // staged as built (plan.ts clean), so it does what that clean-up would (identity-clean.test.ts).
  return `CASE WHEN contains(${k}, '.') AND NOT contains(${k}, '@') AND regexp_full_match(${k}, '-?[0-9]+\\.0+') THEN regexp_extract(${k}, '^-?[0-9]+') ELSE ${k} END`;
}

/** Returns raw-text SQL of the name + phone key (NULL unless both are present and the phone has digits). */
export function namePhoneKeySql(name: string, phone: string): string {
  const n = `regexp_replace(${foldSql(blankSql(name))}, '[\\s\\x{3000}]+', '', 'g')`;
  const p = `regexp_replace(${foldSql(blankSql(phone))}, '[^0-9]', '', 'g')`;
  // || is NULL when either side is: each part appears once, so the expression stays small.
  return `'np:' || NULLIF(${n}, '') || ':' || NULLIF(${p}, '')`;
}

/**
 * Returns the SQL of the derived keys of stored customers (key → customer_id), each key held by
 * exactly one customer: a later file keyed by e-mail or name + phone is linked to the customer
 * whose id a customers file gave (and a key two customers share links to neither).
 */
export function customerAliasesSql(): string {
  const np = namePhoneKeySql('name', 'phone');
  return `SELECT k, any_value(customer_id) AS customer_id FROM (
      SELECT ${emailKeySql('email')} AS k, customer_id FROM customers WHERE email IS NOT NULL
      UNION ALL SELECT ${np} AS k, customer_id FROM customers WHERE name IS NOT NULL AND phone IS NOT NULL)
    WHERE k IS NOT NULL GROUP BY k HAVING count(DISTINCT customer_id) = 1`;
}
