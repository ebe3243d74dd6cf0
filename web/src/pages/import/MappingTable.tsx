// The column mapping of an import plan, editable: every column of the file with a select of the
// fields it may feed (and "not read"), how its field was decided (the export's definition, the
// header, the user) and why a column is left out. A change goes into the user's mapping
// (header → field, '-' not read), the `--map` of `kenshin import`.
import { useState } from 'react';
import { useI18n } from '../../i18n';
import type { ImportColumn, ImportPlan } from '../../api/shapes';
import { fieldLabel, fieldName } from './labels';

const ATTRIBUTE = '@attribute';

/** Returns the select's value of a column: the user's choice, else what the dry run did. */
function valueOf(c: ImportColumn, chosen: string | undefined): string {
  if (chosen !== undefined) return chosen;
  if (c.field) return c.field;
  // A column in a clash shows the field it claims, so that "not read" can be chosen for it.
  if (c.note?.kind === 'conflict' && c.note.field) return c.note.field;
  return c.via === 'attribute' ? ATTRIBUTE : '-';
}

export function MappingTable({
  plan,
  mapping,
  onChange,
  onReset,
  disabled,
}: {
  plan: ImportPlan;
  /** The user's mapping: header → field or '-'. */
  mapping: Record<string, string>;
  /** Sets a column's field ('-': not read; null: as the dry run decides). */
  onChange: (header: string, value: string | null) => void;
  onReset: () => void;
  disabled: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [onlyRead, setOnlyRead] = useState(false);
  const entity = plan.entity;
  const fromColumn = (field: string) => plan.mapping.find((c) => c.field === field)?.header;
  const columns = plan.mapping.filter(
    (c) => !onlyRead || c.field || c.note?.kind === 'conflict' || mapping[c.header] !== undefined,
  );
  const edited = Object.keys(mapping).length > 0;
  return (
    <>
      <div className="form-row import-tools">
        <label className="inline">
          <input
            type="checkbox"
            checked={onlyRead}
            onChange={(e) => setOnlyRead(e.target.checked)}
            data-testid="mapping-only-read"
          />
          {t('mapping_only_read')}
        </label>
        {edited && (
          <button className="btn small ghost" onClick={onReset} disabled={disabled}>
            {t('mapping_reset')}
          </button>
        )}
      </div>
      <div className="table-wrap" tabIndex={0}>
        <table className="table dense import-mapping" data-testid="import-mapping">
          <thead>
            <tr>
              <th>{t('mapping_column')}</th>
              <th>{t('mapping_field')}</th>
              <th>{t('mapping_via')}</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => {
              const chosen = mapping[c.header];
              const value = valueOf(c, chosen);
              const clash = c.note?.kind === 'conflict';
              const via = chosen !== undefined ? 'map' : c.via;
              return (
                <tr key={plan.mapping.indexOf(c)} className={clash ? 'row-warn' : undefined}>
                  <td className="import-header">{c.header || '—'}</td>
                  <td>
                    <span className="field-pick">
                      <select
                        value={value}
                        disabled={disabled}
                        data-column={c.header}
                        aria-label={`${c.header}: ${t('mapping_field')}`}
                        onChange={(e) =>
                          onChange(c.header, e.target.value === ATTRIBUTE ? null : e.target.value)
                        }
                      >
                        <option value="-">{t('field_ignore')}</option>
                        {value === ATTRIBUTE && (
                          <option value={ATTRIBUTE}>{t('field_attribute')}</option>
                        )}
                        {plan.fields.map((f) => (
                          <option key={f.name} value={f.name}>
                            {fieldLabel(i18n, entity, f.name)}
                            {f.required ? t('mapping_required') : ''}
                            {fieldName(i18n, entity, f.name) ? '' : ` ${t('field_preset_only')}`}
                          </option>
                        ))}
                      </select>
                      {value !== '-' && value !== ATTRIBUTE && (
                        <code className="muted">{value}</code>
                      )}
                    </span>
                  </td>
                  <td className="small">
                    <span className="muted">{t(`via_${via}` as 'via_map')}</span>
                    {clash && (
                      <span className="badge sev-warning">
                        {t('note_conflict', { with: c.note!.with ?? '' })}
                      </span>
                    )}
                    {c.note?.kind === 'taken' && c.note.field && (
                      <span className="muted">
                        {' '}
                        {t('note_taken', {
                          field: fieldLabel(i18n, entity, c.note.field),
                          with: fromColumn(c.note.field) ?? '—',
                        })}
                      </span>
                    )}
                    {c.note?.kind === 'reason' && (
                      <span className="muted"> {t('note_reason')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
