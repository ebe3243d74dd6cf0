// Sizes as DuckDB reads them (memory_limit): a number and a unit, e.g. 2GiB or 1500MB.

/** A DuckDB memory size: a number and a unit. */
export const MEMORY_SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

const UNITS: Record<string, number> = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KIB: 2 ** 10,
  MIB: 2 ** 20,
  GIB: 2 ** 30,
  TIB: 2 ** 40,
};

/** Returns the bytes of a DuckDB size text ("11.7 GiB", "1500MB"), or null when it is not one. */
export function sizeBytes(text: string): number | null {
  const m = /^\s*([\d.]+)\s*([KMGT]?i?B)\s*$/i.exec(text);
  const unit = m && UNITS[m[2].toUpperCase()];
  return m && unit ? Number(m[1]) * unit : null;
}
