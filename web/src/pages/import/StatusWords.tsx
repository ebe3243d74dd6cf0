// The status words of an import: each word of the file the importer does not know (with its
// number of rows), and each word the user has given a meaning, with a select completed /
// cancelled / returned — the `--status "word=status"` of `kenshin import`.
import { useI18n } from '../../i18n';
import type { StoredStatus } from '../../api/shapes';
import { statusLabel } from './labels';

export interface StatusWordRow {
  word: string;
  /** Rows of the file with the word (null: not known). */
  count: number | null;
  guess?: StoredStatus;
  /** The meaning comes from the saved mapping chosen. */
  saved?: StoredStatus;
}

const STATUSES: StoredStatus[] = ['completed', 'cancelled', 'returned'];

export function StatusWords({
  words,
  values,
  onChange,
  disabled,
}: {
  words: StatusWordRow[];
  values: Record<string, StoredStatus>;
  onChange: (word: string, status: StoredStatus | null) => void;
  disabled: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <>
      <p className="card-sub">{t('status_lead')}</p>
      <div className="table-wrap" tabIndex={0}>
        <table className="table dense" data-testid="import-status-words">
          <thead>
            <tr>
              <th>{t('status_word')}</th>
              <th style={{ textAlign: 'right' }}>{t('status_rows')}</th>
              <th>{t('status_means')}</th>
            </tr>
          </thead>
          <tbody>
            {words.map((w) => {
              const value = values[w.word] ?? w.saved ?? '';
              return (
                <tr key={w.word} className={value ? undefined : 'row-warn'}>
                  <td>
                    <b>{w.word}</b>
                  </td>
                  <td className="nowrap" style={{ textAlign: 'right' }}>
                    {w.count === null ? '—' : w.count.toLocaleString()}
                  </td>
                  <td>
                    <select
                      value={value}
                      disabled={disabled}
                      data-status-word={w.word}
                      aria-label={`${w.word}: ${t('status_means')}`}
                      onChange={(e) =>
                        onChange(w.word, (e.target.value || null) as StoredStatus | null)
                      }
                    >
                      {!value && <option value="">{t('status_choose')}</option>}
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {statusLabel(i18n, s)}
                        </option>
                      ))}
                    </select>{' '}
                    {!value && w.guess && (
                      <span className="muted small">
                        {t('status_guess', { status: statusLabel(i18n, w.guess) })}
                      </span>
                    )}
                    {w.saved && values[w.word] === undefined && (
                      <span className="muted small">{t('status_saved')}</span>
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
