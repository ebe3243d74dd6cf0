// A report section shown as it is stored, for sections whose dedicated page is still to come:
// scalars as a list of numbers, arrays of rows as tables, nested objects as sub-sections. The
// values are the stored ones, only formatted.
import type { ReactNode } from 'react';
import { fmtNum, fmtInt, fmtPct } from '../format';
import { Table } from './ui';

type Json = null | string | number | boolean | Json[] | { [k: string]: Json };

/** Returns a key as words: "overdue_share" → "overdue share". */
const words = (k: string) => k.replace(/_/g, ' ');

/** Returns a scalar formatted by the hint its key gives (rates, shares, counts). */
function scalar(key: string, v: Json): ReactNode {
  if (v === null) return '—';
  if (typeof v === 'number') {
    if (/(rate|share|ratio)$/.test(key) && Math.abs(v) <= 1.5) return fmtPct(v);
    return Number.isInteger(v) ? fmtInt(v) : fmtNum(v, 2);
  }
  if (typeof v === 'boolean') return v ? '✓' : '—';
  return String(v);
}

const isScalar = (v: Json) => v === null || typeof v !== 'object';

/** Renders any stored section value. */
export function GenericSection({ data, depth = 0 }: { data: Json; depth?: number }): ReactNode {
  if (isScalar(data)) return <span>{scalar('', data)}</span>;
  if (Array.isArray(data)) {
    if (!data.length) return <span className="muted">—</span>;
    if (data.every(isScalar)) return <span>{data.map((x) => scalar('', x)).join(', ')}</span>;
    const rows = data.filter(
      (x): x is { [k: string]: Json } => !!x && typeof x === 'object' && !Array.isArray(x),
    );
    const keys = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => isScalar(r[k]))))];
    return (
      <Table
        dense
        rows={rows.slice(0, 200)}
        columns={keys.map((k) => ({
          key: k,
          label: words(k),
          align: typeof rows[0]?.[k] === 'number' ? ('right' as const) : ('left' as const),
          render: (r: { [k: string]: Json }) => scalar(k, r[k] ?? null),
        }))}
      />
    );
  }
  const entries = Object.entries(data);
  const scalars = entries.filter(([, v]) => isScalar(v) || (Array.isArray(v) && v.every(isScalar)));
  const nested = entries.filter(
    ([, v]) => !(isScalar(v) || (Array.isArray(v) && v.every(isScalar))),
  );
  return (
    <div className={`generic depth-${depth}`}>
      {scalars.length > 0 && (
        <dl className="kv">
          {scalars.map(([k, v]) => (
            <div key={k} className="kv-row">
              <dt>{words(k)}</dt>
              <dd>{Array.isArray(v) ? v.map((x) => scalar(k, x)).join(', ') : scalar(k, v)}</dd>
            </div>
          ))}
        </dl>
      )}
      {nested.map(([k, v]) => (
        <div key={k} className="generic-sub">
          <h3 className="sub-title">{words(k)}</h3>
          <GenericSection data={v} depth={depth + 1} />
        </div>
      ))}
    </div>
  );
}
