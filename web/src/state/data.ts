// Reading the API from components: one hook, results cached per URL for the session so that
// moving between pages does not fetch the same report again; `invalidate` after a change.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get } from '../api/client';
import { useLocation } from './url';
import type { CheckupReport } from '@report/index.js';

const cache = new Map<string, unknown>();
const listeners = new Set<() => void>();

/** Forgets cached responses whose URL starts with one of `prefixes` (all when none given). */
export function invalidate(...prefixes: string[]): void {
  for (const k of [...cache.keys()])
    if (!prefixes.length || prefixes.some((p) => k.startsWith(p))) cache.delete(k);
  for (const l of listeners) l();
}

export interface Loaded<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Returns the JSON of GET `url` (null url: nothing to load). */
export function useApi<T>(url: string | null): Loaded<T> {
  const [state, setState] = useState<{
    url: string | null;
    data: T | null;
    error: ApiError | null;
  }>({
    url,
    data: url && cache.has(url) ? (cache.get(url) as T) : null,
    error: null,
  });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => {
    if (url) cache.delete(url);
    setTick((t) => t + 1);
  }, [url]);

  useEffect(() => {
    const l = () => setTick((t) => t + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);

  useEffect(() => {
    if (!url) return;
    if (cache.has(url)) {
      setState({ url, data: cache.get(url) as T, error: null });
      return;
    }
    let live = true;
    setState((s) => ({ url, data: s.url === url ? s.data : null, error: null }));
    get<T>(url).then(
      (data) => {
        cache.set(url, data);
        if (live) setState({ url, data, error: null });
      },
      (error: unknown) => {
        if (live)
          setState({
            url,
            data: null,
            error:
              error instanceof ApiError
                ? error
                : new ApiError(0, 'network', String(error), String(error)),
          });
      },
    );
    return () => {
      live = false;
    };
  }, [url, tick]);

  const current = state.url === url;
  return {
    data: current ? state.data : null,
    error: current ? state.error : null,
    loading: !!url && current && !state.data && !state.error,
    reload,
  };
}

/** Returns the URL of the report the page shows: ?d=DATE or the latest. */
export function reportUrl(query: URLSearchParams): string {
  const d = query.get('d');
  return d ? `/api/checkup/${encodeURIComponent(d)}` : '/api/checkup/latest';
}

/** Returns the report of the URL's date. */
export function useReport(): Loaded<CheckupReport> {
  const { query } = useLocation();
  return useApi<CheckupReport>(reportUrl(query));
}
