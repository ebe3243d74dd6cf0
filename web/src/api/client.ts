// The dashboard's only way to the data: fetch on the same origin, the session cookie sent by
// the browser, a CSRF token on every state-changing request (fetched from /api/csrf and
// refreshed after signing in or out, or when the server refuses it once).
import type { ImportChoices, ImportCommitted, ImportPlan } from './shapes';
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  message_ja?: string;
  details?: unknown;
}

/** An API error with its stable code and the server's words. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageJa: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface Me {
  username: string;
  role: 'admin' | 'analyst' | 'viewer';
}

let csrfToken: string | null = null;

/** Returns the current CSRF token and user, asking the server. */
export async function refreshCsrf(): Promise<Me | null> {
  const r = await fetch('/api/csrf', { credentials: 'same-origin', cache: 'no-store' });
  const body = (await r.json()) as { token: string; user: Me | null };
  csrfToken = body.token;
  return body.user;
}

/** Returns the error of a failed response. */
async function toError(r: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await r.json()) as ApiErrorBody;
  } catch {
    /* not JSON */
  }
  return new ApiError(
    r.status,
    body.code ?? 'http_' + r.status,
    body.message ?? r.statusText,
    body.message_ja ?? body.message ?? r.statusText,
    body.details,
  );
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends a request; returns the raw response (throws ApiError when not ok). */
export async function request(
  method: Method,
  url: string,
  body?: unknown,
  retry = true,
): Promise<Response> {
  const headers: Record<string, string> = {};
  const init: RequestInit = { method, credentials: 'same-origin', headers };
  if (method !== 'GET') {
    if (!csrfToken) await refreshCsrf();
    headers['x-csrf-token'] = csrfToken ?? '';
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  const r = await fetch(url, init);
  if (r.ok) return r;
  const err = await toError(r);
  // A token from before a restart or another session: fetch a fresh one and try once more.
  if (retry && err.code.startsWith('csrf_')) {
    await refreshCsrf();
    return request(method, url, body, false);
  }
  if (err.status === 401 && url !== '/api/login')
    window.dispatchEvent(new CustomEvent('kenshin:signed-out'));
  throw err;
}

/** Returns the JSON of a GET. */
export async function get<T>(url: string): Promise<T> {
  return (await (await request('GET', url)).json()) as T;
}

/** Returns the JSON of a state-changing request. */
export async function send<T>(
  method: Exclude<Method, 'GET'>,
  url: string,
  body?: unknown,
): Promise<T> {
  return (await (await request(method, url, body ?? {})).json()) as T;
}

/** Signs in; returns the user. */
export async function login(username: string, password: string): Promise<Me> {
  await refreshCsrf();
  const r = await send<{ user: Me }>('POST', '/api/login', { username, password });
  await refreshCsrf();
  return r.user;
}

/** Signs out. */
export async function logout(): Promise<void> {
  await send('POST', '/api/logout');
  await refreshCsrf();
}

/** Downloads a GET response as a file named by the server. */
export async function download(
  url: string,
  fallbackName: string,
): Promise<{ name: string; bytes: number }> {
  const r = await request('GET', url);
  const blob = await r.blob();
  const cd = r.headers.get('content-disposition') ?? '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
  const name = m ? decodeURIComponent(m[1]) : fallbackName;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
  return { name, bytes: blob.size };
}

/** Uploads a file and returns the plan of its import (nothing is stored). */
export function importPreview(entity: string, file: File): Promise<ImportPlan> {
  const fd = new FormData();
  fd.append('file', file, file.name);
  return send<ImportPlan>('POST', `/api/import/preview?entity=${encodeURIComponent(entity)}`, fd);
}

/** Returns the plan of an upload with the user's choices (nothing is stored). */
export function importPlan(
  uploadId: string,
  entity: string,
  choices: ImportChoices,
): Promise<ImportPlan> {
  return send<ImportPlan>('POST', '/api/import/plan', { upload_id: uploadId, entity, ...choices });
}

/** Imports an upload with the user's choices; refused (400) while a problem blocks the plan. */
export function importCommit(
  uploadId: string,
  entity: string,
  choices: ImportChoices & { save_mapping_as?: string; reject_invalid?: boolean },
): Promise<ImportCommitted> {
  return send<ImportCommitted>('POST', '/api/import/commit', {
    upload_id: uploadId,
    entity,
    ...choices,
  });
}
