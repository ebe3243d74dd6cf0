// How the file is read, as `kenshin import` takes it: a saved mapping to start from, the
// encoding, the delimiter, lines above the header, the sheet of a workbook and, for contacts,
// the channel of every row. "Automatic" shows what was detected.
import { useI18n } from '../../i18n';
import type { ImportChoices, ImportPlan, SavedImportMapping } from '../../api/shapes';
import { delimiterLabel, encodingLabel } from './labels';

const CHANNELS = ['dm', 'email', 'line', 'sms', 'call', 'other'];

export function ReadingOptions({
  plan,
  entity,
  choices,
  saved,
  onChange,
  onRecheck,
  disabled,
}: {
  plan: ImportPlan | null;
  entity: string;
  choices: ImportChoices;
  saved: SavedImportMapping[];
  onChange: (patch: Partial<ImportChoices>) => void;
  onRecheck: () => void;
  disabled: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const auto = (detected: string) => (detected ? `${t('opt_auto')}: ${detected}` : t('opt_auto'));
  const xlsx = plan?.detected.format === 'xlsx' || choices.sheet !== undefined;
  return (
    <div className="form-grid import-options">
      <label>
        <span>{t('opt_saved')}</span>
        <select
          value={choices.saved_mapping ?? ''}
          disabled={disabled}
          data-testid="import-saved-mapping"
          onChange={(e) => onChange({ saved_mapping: e.target.value || undefined })}
        >
          <option value="">{t('opt_saved_none')}</option>
          {saved.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('opt_encoding')}</span>
        <select
          value={choices.encoding ?? ''}
          disabled={disabled}
          data-testid="import-encoding"
          onChange={(e) => onChange({ encoding: e.target.value || undefined })}
        >
          <option value="">{auto(encodingLabel(i18n, plan?.detected.encoding))}</option>
          {['utf8', 'sjis', 'eucjp', 'utf16'].map((e) => (
            <option key={e} value={e}>
              {encodingLabel(i18n, e)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('opt_delimiter')}</span>
        <select
          value={choices.delimiter ?? ''}
          disabled={disabled || plan?.detected.format === 'xlsx'}
          data-testid="import-delimiter"
          onChange={(e) => onChange({ delimiter: e.target.value || undefined })}
        >
          <option value="">{auto(delimiterLabel(i18n, plan?.detected.delimiter))}</option>
          {[',', 'tab', ';', '|'].map((d) => (
            <option key={d} value={d}>
              {delimiterLabel(i18n, d)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t('opt_skip')}</span>
        <input
          type="number"
          min={0}
          max={1000}
          value={choices.skip ?? 0}
          disabled={disabled}
          data-testid="import-skip"
          onChange={(e) => {
            const n = Math.max(0, Math.min(1000, Math.floor(Number(e.target.value) || 0)));
            onChange({ skip: n || undefined });
          }}
        />
      </label>
      {xlsx && (
        <label>
          <span>{t('opt_sheet')}</span>
          <input
            type="text"
            maxLength={100}
            value={choices.sheet ?? ''}
            placeholder={plan?.detected.sheet ?? t('opt_sheet_hint')}
            disabled={disabled}
            data-testid="import-sheet"
            onChange={(e) => onChange({ sheet: e.target.value || undefined })}
          />
        </label>
      )}
      {entity === 'contacts' && (
        <label>
          <span>{t('opt_channel')}</span>
          <select
            value={choices.channel ?? ''}
            disabled={disabled}
            data-testid="import-channel"
            onChange={(e) => onChange({ channel: e.target.value || undefined })}
          >
            <option value="">{t('opt_auto')}</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`channel_${c}` as 'channel_dm')}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="import-options-actions">
        <button className="btn small" onClick={onRecheck} disabled={disabled}>
          {t('opt_recheck')}
        </button>
      </div>
    </div>
  );
}
