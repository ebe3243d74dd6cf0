// Import: the same plan as `kenshin import`. Choose what the file holds and the file; the
// importer's dry run shows the plan — the export it was detected as, the customer key and the
// guest share, the rows skipped, every problem — and every choice of the plan is editable here
// (the column mapping, the status words, the reading options, a saved mapping). Each change runs
// the dry run again; the import button is enabled only while the plan can succeed. Nothing is
// stored before the confirm. Parts and state: pages/import/.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader } from '../components/ui';
import type { ImportCommitted, SavedImportMapping } from '../api/shapes';
import { useApi } from '../state/data';
import { RunCheckupButton } from '../components/report-parts';
import { entityLabel, tableLabel } from './import/labels';
import { MappingTable } from './import/MappingTable';
import { PlanSummary } from './import/PlanSummary';
import { PreviewRows } from './import/PreviewRows';
import { Problems } from './import/Problems';
import { ReadingOptions } from './import/ReadingOptions';
import { StatusWords, type StatusWordRow } from './import/StatusWords';
import { useImportPlan } from './import/useImportPlan';

export function ImportPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const ents = useApi<{ available: boolean; entities: string[] }>('/api/import/entities');
  const [entity, setEntity] = useState('orders');
  const [file, setFile] = useState<File | null>(null);
  const s = useImportPlan();
  const { upload, plan, choices, setChoices, busy } = s;
  const saved = useApi<{ mappings: SavedImportMapping[] }>(
    upload ? `/api/import/mappings?entity=${encodeURIComponent(upload.entity)}` : null,
  );

  if (ents.error) return <ErrorBox error={ents.error} onRetry={ents.reload} />;
  if (!ents.data) return <Loading />;
  if (!ents.data.available)
    return (
      <>
        <PageHeader title={t('page_import')} />
        <Card>
          <div className="state-box empty">{t('import_unavailable')}</div>
        </Card>
      </>
    );

  // The status words: those the dry runs found unknown, then those given a meaning otherwise.
  const savedWords =
    saved.data?.mappings.find((m) => m.name === choices.saved_mapping)?.status_words ?? {};
  const statusRows: StatusWordRow[] = [
    ...Object.entries(s.words).map(([word, w]) => ({ word, ...w, saved: savedWords[word] })),
    ...Object.keys({ ...savedWords, ...choices.status_words })
      .filter((w) => !(w in s.words))
      .map((word) => ({ word, count: null, saved: savedWords[word] })),
  ];
  const disabled = busy === 'upload' || busy === 'commit';
  const blocking = plan?.problems.filter((p) => p.blocking).length ?? 0;

  return (
    <>
      <PageHeader title={t('page_import')} lead={t('import_lead')} />
      <Card>
        <div className="form-row">
          <label>
            <span>{t('entity')}</span>
            <select
              value={entity}
              onChange={(e) => {
                setEntity(e.target.value);
                s.reset();
              }}
              data-testid="import-entity"
            >
              {ents.data.entities.map((e) => (
                <option key={e} value={e}>
                  {entityLabel(i18n, e)}
                </option>
              ))}
            </select>
          </label>
          <label className="file">
            <span>{t('upload')}</span>
            <input
              type="file"
              accept=".csv,.tsv,.txt,.xlsx,.xlsm,.gz"
              data-testid="import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                s.reset();
              }}
            />
          </label>
          <button
            className="btn primary"
            disabled={!file || busy !== null}
            onClick={() => file && void s.preview(entity, file)}
            data-testid="import-preview"
          >
            {busy === 'upload' ? t('plan_checking') : t('preview')}
          </button>
        </div>
        {s.error && <ErrorBox error={s.error} />}
        {s.done && <Done done={s.done} />}
      </Card>
      {upload && (
        <>
          <Card
            title={`${upload.file} · ${entityLabel(i18n, plan?.entity ?? upload.entity)}`}
            className="import-plan"
            actions={
              <button
                className="btn primary"
                disabled={!s.canCommit}
                onClick={() => void s.commitNow()}
                data-testid="import-commit"
              >
                {busy === 'commit' ? t('running') : t('commit')}
              </button>
            }
          >
            {plan ? (
              <PlanSummary
                plan={plan}
                checking={s.checking}
                allowGuests={choices.allow_guests ?? false}
                onAllowGuests={(on) => setChoices((c) => ({ ...c, allow_guests: on || undefined }))}
                commit={s.commit}
                onCommitChange={s.setCommit}
                disabled={disabled}
              />
            ) : (
              <div className="notice warn">
                {s.checking ? t('plan_checking') : t('plan_file_error')}
              </div>
            )}
          </Card>
          {plan && plan.problems.length > 0 && (
            <Card
              title={`${t('problems_title')} (${plan.problems.length})`}
              sub={blocking ? t('plan_blocked', { n: blocking }) : undefined}
            >
              <Problems
                plan={plan}
                onMap={s.setMap}
                onAllowGuests={() => setChoices((c) => ({ ...c, allow_guests: true }))}
                disabled={disabled}
              />
            </Card>
          )}
          <div className="grid-1-2 flush import-grid">
            <div className="import-side">
              <Card title={t('options_title')}>
                <ReadingOptions
                  plan={plan}
                  entity={upload.entity}
                  choices={choices}
                  saved={saved.data?.mappings ?? []}
                  onChange={(p) => setChoices((c) => ({ ...c, ...p }))}
                  onRecheck={s.replan}
                  disabled={disabled}
                />
              </Card>
              {statusRows.length > 0 && (
                <Card title={t('status_title')}>
                  <StatusWords
                    words={statusRows}
                    values={choices.status_words ?? {}}
                    onChange={s.setStatus}
                    disabled={disabled}
                  />
                </Card>
              )}
            </div>
            {plan && (
              <Card title={t('mapping_title')} sub={t('mapping_lead')}>
                <MappingTable
                  plan={plan}
                  mapping={choices.mapping ?? {}}
                  onChange={(h, v) => s.setMap({ [h]: v })}
                  onReset={() => setChoices((c) => ({ ...c, mapping: undefined }))}
                  disabled={disabled}
                />
              </Card>
            )}
          </div>
          {plan && <PreviewRows plan={plan} />}
        </>
      )}
    </>
  );
}

/** What the commit stored. */
function Done({ done }: { done: ImportCommitted }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="notice success" data-testid="import-done">
      <b>{t('import_done')}</b>{' '}
      {t('done_summary', {
        stored: done.rows_stored.toLocaleString(),
        read: done.rows_read.toLocaleString(),
        rejected: done.rows_rejected.toLocaleString(),
        skipped: done.rows_skipped.toLocaleString(),
      })}
      <ul className="import-done-tables">
        {done.tables.map((tb) => (
          <li key={tb.table}>
            {t(tb.table === 'order_items' ? 'done_table_lines' : 'done_table', {
              table: tableLabel(i18n, tb.table),
              lines: (tb.rowsWritten ?? 0).toLocaleString(),
              inserted: tb.inserted.toLocaleString(),
              updated: tb.updated.toLocaleString(),
              unchanged: tb.unchanged.toLocaleString(),
            })}
          </li>
        ))}
      </ul>
      {done.saved_mapping && <p>{t('done_saved', { name: done.saved_mapping })}</p>}
      <RunCheckupButton />
    </div>
  );
}
