// Errors of the API as values with a stable code and the user's words in Japanese and English.
// Every error response has the same shape, whatever raised it (a route, validation, the CSRF
// or rate-limit plugins), so the dashboard can branch on `code` and show `message`.
import type { FastifyError, FastifyInstance } from 'fastify';
import { EXIT, type KenshinError } from '../domain/errors.js';
import { classifyError } from '../store/errors.js';

export interface ErrorBody {
  statusCode: number;
  /** Stable machine-readable code, e.g. 'auth_required'. */
  code: string;
  /** English message. */
  message: string;
  message_ja: string;
  details?: unknown;
}

/** An error meant for the API client: HTTP status, stable code, and messages. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly messageJa: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Returns a 401 for a request without a valid session. */
export const authRequired = () =>
  new ApiError(401, 'auth_required', 'Log in first.', 'ログインしてください。');

/** Returns a 403 for a role that may not do this. */
export const forbidden = (need: string) =>
  new ApiError(
    403,
    'forbidden',
    `This needs the ${need} role.`,
    `この操作には ${need} 権限が必要です。`,
  );

/** Returns a 404 with a code naming what is missing. */
export const notFound = (code: string, en: string, ja: string) => new ApiError(404, code, en, ja);

/** Returns a 501 for a feature whose engine has not been installed in this build. */
export const notAvailable = (code: string, en: string, ja: string) =>
  new ApiError(501, code, en, ja);

/** JSON schema of every error response (for the OpenAPI document). */
export const errorSchema = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    message: { type: 'string' },
    message_ja: { type: 'string' },
    details: {},
  },
  required: ['statusCode', 'code', 'message'],
} as const;

const PLUGIN_CODES: Record<string, [number, string, string, string]> = {
  FST_CSRF_MISSING_SECRET: [
    403,
    'csrf_missing',
    'Missing CSRF secret: fetch /api/csrf first.',
    'CSRFトークンがありません。再読み込みしてください。',
  ],
  FST_CSRF_INVALID_TOKEN: [
    403,
    'csrf_invalid',
    'Invalid or missing CSRF token.',
    'CSRFトークンが無効です。再読み込みしてください。',
  ],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    415,
    'unsupported_media_type',
    'Unsupported content type.',
    '対応していない形式です。',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: [
    413,
    'body_too_large',
    'Request body too large.',
    'データが大きすぎます。',
  ],
  FST_REQ_FILE_TOO_LARGE: [
    413,
    'file_too_large',
    'The file is too large.',
    'ファイルが大きすぎます。',
  ],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [
    406,
    'not_multipart',
    'Send the file as multipart/form-data.',
    'ファイルは multipart/form-data で送ってください。',
  ],
};

/** Returns the error body for any error thrown in a request. */
export function toErrorBody(err: FastifyError | ApiError | Error): ErrorBody {
  if (err instanceof ApiError) {
    return {
      statusCode: err.statusCode,
      code: err.code,
      message: err.message,
      message_ja: err.messageJa,
      ...(err.details === undefined ? {} : { details: err.details }),
    };
  }
  const fe = err as FastifyError;
  const known = fe.code ? PLUGIN_CODES[fe.code] : undefined;
  if (known)
    return { statusCode: known[0], code: known[1], message: known[2], message_ja: known[3] };
  if (fe.validation) {
    return {
      statusCode: 400,
      code: 'invalid_request',
      message: fe.message,
      message_ja: `リクエストが不正です: ${fe.message}`,
      details: fe.validation,
    };
  }
  const ours = fe.statusCode ? null : classifyError(err);
  if (ours) return kenshinBody(ours);
  if (fe.statusCode === 429) {
    return {
      statusCode: 429,
      code: 'rate_limited',
      message: 'Too many attempts; wait a minute and try again.',
      message_ja: '試行回数が多すぎます。1分ほど待ってから再度お試しください。',
    };
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return {
      statusCode: fe.statusCode,
      code: 'bad_request',
      message: fe.message,
      message_ja: fe.message,
    };
  }
  return {
    statusCode: 500,
    code: 'internal',
    message: 'Internal error; see the server log.',
    message_ja: 'サーバー内部のエラーです。サーバーのログを確認してください。',
  };
}

/** Returns the HTTP answer of a KenshinError (settings, the database, the disk …), by its kind. */
function kenshinBody(e: KenshinError): ErrorBody {
  const status =
    e.exitCode === EXIT.input
      ? 400
      : e.exitCode === EXIT.busy
        ? 503
        : e.code === 'disk_full'
          ? 507
          : e.exitCode === EXIT.resources
            ? 503
            : 500;
  return {
    statusCode: status,
    code: e.code,
    message: e.en,
    message_ja: e.ja,
    ...(e.details === undefined ? {} : { details: e.details }),
  };
}

/** Installs the error and not-found handlers that answer with ErrorBody. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const body = toErrorBody(err as FastifyError);
    if (body.statusCode >= 500) req.log.error({ err }, 'request failed');
    reply.code(body.statusCode).type('application/json').send(JSON.stringify(body));
  });
}
