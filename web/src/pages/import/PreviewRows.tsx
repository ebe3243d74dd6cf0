// The first rows as they would be stored (one table per target: orders and their lines for a
// line file), headed by the fields' names, and the rows the import would reject with why.
import { useI18n } from '../../i18n';
import { Card, Table } from '../../components/ui';
import type { ImportPlan } from '../../api/shapes';
import { fieldLabel, reasonLabel, tableLabel } from './labels';

export function PreviewRows({ plan }: { plan: ImportPlan }) {
  const i18n = useI18n();
  const { t } = i18n;
  const tables = plan.tables.length ? plan.tables : [{ table: plan.entity, rows: plan.rows }];
  const entityOf = (table: string) => (table === 'order_items' ? 'order-items' : plan.entity);
  return (
    <>
      {tables.map((tb, k) => {
        // Columns the file fills; the empty canonical ones would only add noise.
        const columns = [
          ...new Set(
            tb.rows.flatMap((r) => Object.keys(r).filter((c) => r[c] !== null && r[c] !== '')),
          ),
        ];
        return (
          <Card
            key={tb.table}
            title={`${t('first_rows')} · ${tableLabel(i18n, tb.table)}`}
            className="import-rows"
          >
            <Table
              dense
              testId={k === 0 ? 'import-rows' : `import-rows-${tb.table}`}
              rows={tb.rows}
              columns={columns.map((c) => ({
                key: c,
                label: (
                  <span title={c}>
                    {fieldLabel(i18n, entityOf(tb.table), c)}
                    <br />
                    <code className="muted">{c}</code>
                  </span>
                ),
                render: (r: Record<string, unknown>) =>
                  r[c] === null || r[c] === undefined ? '' : String(r[c]),
              }))}
            />
          </Card>
        );
      })}
      {plan.errors.length > 0 && (
        <Card
          title={`${t('rejected_rows')} (${plan.counts.rows_rejected.toLocaleString()})`}
          className="import-errors"
        >
          <Table
            dense
            testId="import-errors"
            rows={plan.errors}
            columns={[
              { key: 'r', label: t('err_row'), render: (e) => e.row ?? '—', align: 'right' },
              { key: 'c', label: t('err_column'), render: (e) => e.column ?? '—' },
              { key: 'v', label: t('err_value'), render: (e) => e.value ?? '' },
              {
                key: 'x',
                label: t('err_reason'),
                render: (e) => reasonLabel(i18n, e.code, e.reason),
              },
            ]}
          />
        </Card>
      )}
    </>
  );
}
