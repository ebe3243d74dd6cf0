// A table of metrics now and at the compared date, one row per metric (report/cards.ts RowModel):
// labels and formats from the field catalogue, the change read from the two columns. The cards
// above it are checked against these rows (test/dashboard-cards.test.ts).
import { useI18n } from '../i18n';
import { fieldLabel, fmtField } from '../report/fields';
import type { RowModel } from '../report/cards';
import { change, fmtChange } from '../format';
import { Table, type Column } from './ui';

/** Returns the table; `path` names each row's field, `change` adds the relative change column. */
export function ComparisonTable({
  rows,
  path,
  currency,
  labels,
  withChange = true,
  testId,
}: {
  rows: RowModel[];
  path: (metric: string) => string;
  currency: string;
  labels: [current: string, previous: string];
  withChange?: boolean;
  testId?: string;
}) {
  const { t, lang } = useI18n();
  const columns: Column<RowModel>[] = [
    { key: 'k', label: t('item'), render: (x) => fieldLabel(path(x.metric), lang) },
    {
      key: 'c',
      label: labels[0],
      align: 'right',
      render: (x) => fmtField(path(x.metric), x.current, lang, currency),
    },
    {
      key: 'p',
      label: labels[1],
      align: 'right',
      render: (x) => fmtField(path(x.metric), x.previous, lang, currency),
    },
  ];
  if (withChange)
    columns.push({
      key: 'd',
      label: t('change'),
      align: 'right',
      render: (x) => fmtChange(change(x.current, x.previous)),
    });
  return <Table dense testId={testId} rows={rows} columns={columns} />;
}
