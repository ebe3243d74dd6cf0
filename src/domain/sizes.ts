// Sizes as DuckDB reads them (memory_limit): a number and a unit, e.g. 2GiB or 1500MB.

/** A DuckDB memory size: a number and a unit. */
export const MEMORY_SIZE = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;
