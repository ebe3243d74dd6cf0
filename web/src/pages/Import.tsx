// Import: choose what the file holds and the file, see what was detected (encoding, column
// mapping, the first rows, rejected rows), then confirm. Nothing is stored before the confirm.
import { useState } from 'react';
import { useI18n } from '../i18n';
import { Card, ErrorBox, Loading, PageHeader, Table } from '../components/ui';
import { GenericSection } from '../components/GenericSection';
import { ApiError, send } from '../api/client';
import { invalidate, useApi } from '../state/data';
import { RunCheckupButton } from '../components/report-parts';

interface Preview {
  upload_id: string;
  entity: string;
  file: string;
  detected: Record<string, unknown>;
  mapping: { header: string; field: string | null; via: string }[];
  rows: Record<string, unknown>[];
  counts: Record<string, number>;
  errors: { row: number | null; column: string | null; reason: string }[];
  warnings: string[];
}

export function ImportPage() {
  const { t, lang } = useI18n();
  const ents = useApi<{ available: boolean; entities: string[] }>('/api/import/entities');
  const [entity, setEntity] = useState('orders');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e), String(e)));
    } finally {
      setBusy(false);
    }
  };
  const doPreview = () =>
    run(async () => {
      if (!file) return;
      const fd = new FormData();
      fd.append('file', file, file.name);
      setDone(null);
      setPreview(
        await send<Preview>('POST', `/api/import/preview?entity=${encodeURIComponent(entity)}`, fd),
      );
    });
  const doCommit = () =>
    run(async () => {
      if (!preview) return;
      setDone(
        await send<Record<string, unknown>>('POST', '/api/import/commit', {
          upload_id: preview.upload_id,
          entity: preview.entity,
        }),
      );
      setPreview(null);
      invalidate('/api/');
    });

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
  // Columns the file fills; the empty canonical ones would only add noise.
  const columns = preview
    ? [
        ...new Set(
          preview.rows.flatMap((r) => Object.keys(r).filter((k) => r[k] !== null && r[k] !== '')),
        ),
      ]
    : [];
  return (
    <>
      <PageHeader title={t('page_import')} />
      <Card>
        <div className="form-row">
          <label>
            <span>{t('entity')}</span>
            <select
              value={entity}
              onChange={(e) => {
                setEntity(e.target.value);
                setPreview(null);
              }}
              data-testid="import-entity"
            >
              {ents.data.entities.map((e) => (
                <option key={e} value={e}>
                  {e}
                </option>
              ))}
            </select>
          </label>
          <label className="file">
            <span>{t('upload')}</span>
            <input
              type="file"
              accept=".csv,.tsv,.txt,.xlsx,.gz"
              data-testid="import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPreview(null);
              }}
            />
          </label>
          <button
            className="btn primary"
            disabled={!file || busy}
            onClick={() => void doPreview()}
            data-testid="import-preview"
          >
            {t('preview')}
          </button>
        </div>
        {error && <ErrorBox error={error} />}
        {done && (
          <div className="notice success" data-testid="import-done">
            <b>{t('import_done')}</b> <GenericSection data={done as never} />
            <RunCheckupButton />
          </div>
        )}
      </Card>
      {preview && (
        <>
          <Card
            title={`${preview.file} · ${preview.entity}`}
            actions={
              <button
                className="btn primary"
                disabled={busy}
                onClick={() => void doCommit()}
                data-testid="import-commit"
              >
                {t('commit')}
              </button>
            }
          >
            <GenericSection data={{ ...preview.detected, ...preview.counts } as never} />
            {preview.warnings.length > 0 && (
              <ul className="warnings">
                {preview.warnings.map((w, k) => (
                  <li key={k}>{w}</li>
                ))}
              </ul>
            )}
          </Card>
          <div className="grid-1-2">
            <Card title={t('detected_mapping')}>
              <Table
                dense
                testId="import-mapping"
                rows={preview.mapping}
                columns={[
                  {
                    key: 'h',
                    label: lang === 'ja' ? 'ファイルの列' : 'File column',
                    render: (m) => m.header,
                  },
                  {
                    key: 'f',
                    label: lang === 'ja' ? '項目' : 'Field',
                    render: (m) =>
                      m.field ? <code>{m.field}</code> : <span className="muted">—</span>,
                  },
                  {
                    key: 'v',
                    label: '',
                    render: (m) => <span className="muted small">{m.via}</span>,
                  },
                ]}
              />
            </Card>
            <Card title={t('first_rows')}>
              <Table
                dense
                testId="import-rows"
                rows={preview.rows}
                columns={columns.map((c) => ({
                  key: c,
                  label: c,
                  render: (r: Record<string, unknown>) =>
                    r[c] === null || r[c] === undefined ? '' : String(r[c]),
                }))}
              />
            </Card>
          </div>
          {preview.errors.length > 0 && (
            <Card title={`${t('rejected_rows')} (${preview.errors.length})`}>
              <Table
                dense
                rows={preview.errors}
                columns={[
                  { key: 'r', label: 'row', render: (e) => e.row ?? '—' },
                  { key: 'c', label: 'column', render: (e) => e.column ?? '—' },
                  { key: 'x', label: 'reason', render: (e) => e.reason },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </>
  );
}
