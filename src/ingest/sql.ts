// Quoting for the SQL the importer generates. User input (file paths, headers, words) always goes
// in as bound parameters; these two helpers are only for kenshin's own constants and the
// generated column names c0, c1, … and f_<field>.

/** Returns a SQL string literal for a constant of kenshin's own code. */
export function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Returns a quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Returns the generated name of the raw column at `index` of the file. */
export function rawCol(index: number): string {
  return `c${index}`;
}

/** Returns the generated name of the typed column of a canonical field. */
export function typedCol(field: string): string {
  return `f_${field}`;
}

/** Returns the named parameters that `sql` uses ($name), so one parameter set serves every statement. */
export function paramsFor<T>(sql: string, params: Record<string, T>): Record<string, T> {
  const used: Record<string, T> = {};
  for (const [name, value] of Object.entries(params)) {
    if (new RegExp(`\\$${name}\\b`).test(sql)) used[name] = value;
  }
  return used;
}

/** Returns the generated name of the staged raw text of a field (kept only where the fast path failed). */
export function keptCol(field: string): string {
  return `r_${field}`;
}
