// The generated column names of the SQL the importer writes (c0, c1, … f_<field>, r_<field>).
// Quoting and parameters are the store's (src/store/sql.ts), re-exported for the importer.
export { ident, lit, paramsFor } from '../store/sql.js';

/** Returns the generated name of the raw column at `index` of the file. */
export function rawCol(index: number): string {
  return `c${index}`;
}

/** Returns the generated name of the typed column of a canonical field. */
export function typedCol(field: string): string {
  return `f_${field}`;
}

/** Returns the generated name of the staged raw text of a field (kept only where the fast path failed). */
export function keptCol(field: string): string {
  return `r_${field}`;
}
