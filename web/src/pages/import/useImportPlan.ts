// The state of the import page: the upload, the plan of the user's current choices (the
// importer's dry run, run again after every change once the user pauses), and the commit. A
// response that arrives after a newer request is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, importCommit, importPlan, importPreview } from '../../api/client';
import type { ImportChoices, ImportCommitted, ImportPlan, StoredStatus } from '../../api/shapes';
import { invalidate } from '../../state/data';
import type { CommitChoices } from './PlanSummary';
import type { StatusWordRow } from './StatusWords';

export interface Upload {
  id: string;
  entity: string;
  file: string;
}

/** Returns a key of the choices (the same choices give the same plan). */
export function keyOf(c: ImportChoices): string {
  const sorted = (r?: Record<string, string>) =>
    r ? Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)) : null;
  return JSON.stringify([
    sorted(c.mapping),
    sorted(c.status_words),
    c.allow_guests ?? false,
    c.channel ?? null,
    c.encoding ?? null,
    c.delimiter ?? null,
    c.sheet ?? null,
    c.skip ?? null,
    c.saved_mapping ?? null,
  ]);
}

/** Returns a record with entries set (a null value deletes the entry); undefined when empty. */
export function patch<V>(
  base: Record<string, V> | undefined,
  entries: Record<string, V | null>,
): Record<string, V> | undefined {
  const out = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(entries)) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

const asApiError = (e: unknown) =>
  e instanceof ApiError ? e : new ApiError(0, 'client', String(e), String(e));

const NO_COMMIT: CommitChoices = { saveAs: '', reject: false };

/** Returns the page's import state and its actions. */
export function useImportPlan() {
  const [upload, setUpload] = useState<Upload | null>(null);
  const [plan, setPlan] = useState<ImportPlan | null>(null);
  // The choices the plan shown was made with, and the last choices tried (a failed try too).
  const [planFor, setPlanFor] = useState<string | null>(null);
  const [tried, setTried] = useState<string | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({});
  const [commit, setCommit] = useState<CommitChoices>(NO_COMMIT);
  // Every unknown status word seen in this upload, so it stays listed once given a meaning.
  const [words, setWords] = useState<Record<string, Omit<StatusWordRow, 'word'>>>({});
  const [done, setDone] = useState<ImportCommitted | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'upload' | 'plan' | 'commit' | null>(null);
  const seq = useRef(0);
  const key = keyOf(choices);

  const received = (p: ImportPlan, forKey: string) => {
    setPlan(p);
    setPlanFor(forKey);
    setError(null);
    const unknown = p.problems.find((x) => x.code === 'unknown_status')?.words ?? [];
    if (unknown.length)
      setWords((w) => ({
        ...w,
        ...Object.fromEntries(unknown.map((x) => [x.word, { count: x.count, guess: x.guess }])),
      }));
  };

  const start = () => {
    setDone(null);
    setPlan(null);
    setUpload(null);
    setChoices({});
    setWords({});
    setCommit(NO_COMMIT);
    setError(null);
  };

  const doPreview = async (entity: string, file: File) => {
    start();
    const n = ++seq.current;
    const none = keyOf({});
    setTried(none);
    setBusy('upload');
    try {
      const p = await importPreview(entity, file);
      if (n !== seq.current) return;
      setUpload({ id: p.upload_id, entity, file: p.file });
      received(p, none);
    } catch (e) {
      if (n !== seq.current) return;
      const err = asApiError(e);
      setError(err);
      // A file the importer cannot read as it is stays uploaded: the reading options may fix it.
      const d = err.details as { upload_id?: string; file?: string } | undefined;
      if (d?.upload_id) setUpload({ id: d.upload_id, entity, file: d.file ?? file.name });
    } finally {
      if (n === seq.current) setBusy(null);
    }
  };

  const replan = useCallback(
    async (c: ImportChoices) => {
      if (!upload) return;
      const forKey = keyOf(c);
      setTried(forKey);
      const n = ++seq.current;
      setBusy('plan');
      try {
        const p = await importPlan(upload.id, upload.entity, c);
        if (n === seq.current) received(p, forKey);
      } catch (e) {
        if (n === seq.current) setError(asApiError(e));
      } finally {
        if (n === seq.current) setBusy(null);
      }
    },
    [upload],
  );

  // Every change of the choices runs the dry run again (once the user pauses).
  useEffect(() => {
    if (!upload || key === tried) return;
    const timer = setTimeout(() => void replan(choices), 250);
    return () => clearTimeout(timer);
  }, [upload, key, tried, choices, replan]);

  const doCommit = async () => {
    if (!upload) return;
    const n = ++seq.current;
    setBusy('commit');
    setError(null);
    try {
      const r = await importCommit(upload.id, upload.entity, {
        ...choices,
        save_mapping_as: commit.saveAs.trim() || undefined,
        reject_invalid: commit.reject || undefined,
      });
      if (n !== seq.current) return;
      start();
      setDone(r);
      invalidate('/api/');
    } catch (e) {
      if (n === seq.current) setError(asApiError(e));
    } finally {
      if (n === seq.current) setBusy(null);
    }
  };

  const checking = busy === 'plan' || (upload !== null && key !== tried);
  // The plan can succeed: it is the plan of these choices, no problem blocks it, and invalid
  // rows (if any) are to be left out.
  const canCommit =
    plan !== null &&
    planFor === key &&
    busy === null &&
    !checking &&
    !plan.blocked &&
    (plan.counts.rows_rejected === 0 || commit.reject);
  const setMap = (entries: Record<string, string | null>) =>
    setChoices((c) => ({ ...c, mapping: patch(c.mapping, entries) }));
  const setStatus = (word: string, status: StoredStatus | null) =>
    setChoices((c) => ({ ...c, status_words: patch(c.status_words, { [word]: status }) }));
  /** Forgets the upload (another entity or file was chosen). */
  const reset = () => {
    seq.current++;
    start();
  };
  return {
    upload,
    plan,
    choices,
    setChoices,
    setMap,
    setStatus,
    commit,
    setCommit,
    words,
    done,
    error,
    busy,
    checking,
    canCommit,
    preview: doPreview,
    replan: () => void replan(choices),
    commitNow: doCommit,
    reset,
  };
}
