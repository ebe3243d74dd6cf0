// Quoting and parameters for generated SQL, shared by the store and the importer. User input
// (file paths, headers, words) always goes in as bound parameters; lit and ident are only for
// kenshin's own constants and generated names.

/** Returns a SQL string literal for a constant of kenshin's own code. */
export function lit(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Returns a quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Returns the named parameters that `sql` uses ($name), so one parameter set serves every statement. */
export function paramsFor<T>(sql: string, params: Record<string, T>): Record<string, T> {
  const used: Record<string, T> = {};
  for (const [name, value] of Object.entries(params)) {
    if (new RegExp(`\\$${name}\\b`).test(sql)) used[name] = value;
  }
  return used;
}
