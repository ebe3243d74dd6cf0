// The dashboard keeps its state in the URL — the page in the path, the language (?lang=en),
// the as-of date (?d=2026-10-31) and page options in the query — so every view can be
// bookmarked, shared and reloaded.
import { useSyncExternalStore } from 'react';

const EVENT = 'kenshin:navigate';
/** Query parameters that follow the user from page to page. */
const STICKY = ['lang', 'd'];

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb);
  window.addEventListener(EVENT, cb);
  return () => {
    window.removeEventListener('popstate', cb);
    window.removeEventListener(EVENT, cb);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

/** Returns the current path and query (re-rendering on navigation). */
export function useLocation(): { path: string; query: URLSearchParams } {
  const s = useSyncExternalStore(subscribe, snapshot);
  const u = new URL(s, window.location.origin);
  return { path: u.pathname, query: u.searchParams };
}

/** Goes to `path` with `params`, keeping the sticky ones (language, date). */
export function navigate(
  path: string,
  params: Record<string, string | null> = {},
  replace = false,
): void {
  const cur = new URLSearchParams(window.location.search);
  const next = new URLSearchParams();
  for (const k of STICKY) {
    const v = cur.get(k);
    if (v) next.set(k, v);
  }
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === '') next.delete(k);
    else next.set(k, v);
  }
  const qs = next.toString();
  const url = path + (qs ? `?${qs}` : '');
  if (url === snapshot()) return;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

/** Sets (or clears with null) query parameters on the current page. */
export function setParams(params: Record<string, string | null>, replace = true): void {
  const cur = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === '') cur.delete(k);
    else cur.set(k, v);
  }
  const qs = cur.toString();
  const url = window.location.pathname + (qs ? `?${qs}` : '');
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(EVENT));
}

/** Returns the href of a page with the sticky parameters kept (for real links). */
export function hrefOf(path: string, params: Record<string, string> = {}): string {
  const cur = new URLSearchParams(window.location.search);
  const next = new URLSearchParams();
  for (const k of STICKY) {
    const v = cur.get(k);
    if (v) next.set(k, v);
  }
  for (const [k, v] of Object.entries(params)) next.set(k, v);
  const qs = next.toString();
  return path + (qs ? `?${qs}` : '');
}
