// Summaries a user already has (`kenshin clv --summary FILE`): one row per customer with
// frequency, recency and T in one time unit, as lifetimes and BTYD write them, and optionally
// the mean spend of the repeat purchases. Comma-separated with a header; other columns (an id)
// are ignored. A bad value is refused with its row and column.
import type { RfmData, SpendData } from './types.js';

export interface Summaries extends RfmData {
  frequency: number[];
  recency: number[];
  T: number[];
  /** Repeat buyers' frequency and mean spend, when the file has a monetary column. */
  spend: SpendData | null;
}

const MONETARY = ['monetary_value', 'monetary'];

/** Returns the summaries of a CSV text; throws "row N, column C: reason" on a bad value. */
export function parseSummaries(text: string): Summaries {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) throw new Error('no rows (a header and one row per customer are needed)');
  const header = lines[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const col = (name: string) => header.indexOf(name);
  const missing = ['frequency', 'recency', 'T'].filter((k) => col(k) < 0);
  if (missing.length)
    throw new Error(`missing column(s) ${missing.join(', ')} (header: ${header.join(', ')})`);
  const m = MONETARY.map(col).find((i) => i >= 0) ?? -1;
  const out: Summaries = { frequency: [], recency: [], T: [], spend: null };
  const spendF: number[] = [];
  const spendM: number[] = [];
  lines.slice(1).forEach((line, k) => {
    const cells = line.split(',');
    const row = k + 2;
    const num = (i: number, name: string) => {
      const v = Number(cells[i]?.trim());
      if (cells[i] === undefined || cells[i].trim() === '' || !Number.isFinite(v) || v < 0)
        throw new Error(`row ${row}, column ${name}: "${cells[i] ?? ''}" is not a number ≥ 0`);
      return v;
    };
    const x = num(col('frequency'), 'frequency');
    const tx = num(col('recency'), 'recency');
    const T = num(col('T'), 'T');
    if (!Number.isInteger(x))
      throw new Error(`row ${row}, column frequency: ${x} is not a whole number`);
    if (tx > T) throw new Error(`row ${row}: recency ${tx} is after T ${T}`);
    if (x === 0 && tx !== 0) throw new Error(`row ${row}: recency ${tx} without a repeat purchase`);
    out.frequency.push(x);
    out.recency.push(tx);
    out.T.push(T);
    if (m >= 0 && x > 0) {
      const v = num(m, header[m]);
      if (v > 0) {
        spendF.push(x);
        spendM.push(v);
      }
    }
  });
  if (m >= 0 && spendF.length) out.spend = { frequency: spendF, monetary: spendM };
  return out;
}
