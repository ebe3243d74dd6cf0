// Import from the dashboard (analyst+), the same plan as `kenshin import`: POST
// /api/import/preview takes a multipart upload, keeps the file and answers with the importer's
// dry run — the detected export (preset), the customer key, guest orders, skipped rows, the
// column mapping, every problem — without storing anything; POST /api/import/plan runs the dry
// run again on that upload with the user's choices (mapping, status words, reading options, a
// saved mapping); POST /api/import/commit imports it with those choices (audit-logged), refused
// while a problem blocks the plan, and removes it. GET /api/import/mappings lists the saved
// mappings.
import type { FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { ApiError, errorSchema, notAvailable } from '../errors.js';
import {
  loadImportEngine,
  type ImportEngine,
  type ImportOptions,
  type ImportPreview,
  type StatusWord,
} from '../imports/engine.js';
import { UploadStore, type Upload } from '../imports/uploads.js';
import { logAudit } from '../../store/audit-store.js';
import { ENCODING_FLAGS } from '../../ingest/encoding-names.js';

const unavailable = () =>
  notAvailable(
    'import_unavailable',
    'Importing from the dashboard is not available in this build; use `kenshin import`.',
    'このビルドではダッシュボードからの取り込みは使えません。`kenshin import` を使ってください。',
  );

/** Splits the importer's "日本語 / English" message into its two languages. */
function splitMessage(text: string): { ja: string; en: string } {
  const cut = text.indexOf(' / ');
  return cut > 0 ? { ja: text.slice(0, cut), en: text.slice(cut + 3) } : { ja: text, en: text };
}

/** Returns the importer's error as an API error with the importer's own code (400). */
function importError(err: unknown, details?: unknown): unknown {
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name !== 'ImportError' || !e.code) return err;
  const { ja, en } = splitMessage(e.message ?? e.code);
  return new ApiError(400, e.code, en, ja, details);
}

const isImportError = (err: unknown) => (err as { name?: string })?.name === 'ImportError';

const name = { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f]+$' };

/** The user's choices, as `kenshin import` takes them (docs/dashboard.md, "Import"). */
const planProperties = {
  /** header → field; '-' ignores the column (--map). */
  mapping: {
    type: 'object',
    maxProperties: 1000,
    propertyNames: { maxLength: 200 },
    additionalProperties: { type: 'string', pattern: '^(-|[a-z][a-z0-9_]{0,40})$' },
  },
  /** word → stored status (--status). */
  status_words: {
    type: 'object',
    maxProperties: 200,
    propertyNames: { minLength: 1, maxLength: 100 },
    additionalProperties: { type: 'string', enum: ['completed', 'cancelled', 'returned'] },
  },
  allow_guests: { type: 'boolean' },
  channel: { type: 'string', enum: ['dm', 'email', 'line', 'sms', 'call', 'other'] },
  encoding: { type: 'string', enum: Object.keys(ENCODING_FLAGS) },
  delimiter: { type: 'string', enum: [',', 'tab', ';', '|'] },
  sheet: name,
  skip: { type: 'integer', minimum: 0, maximum: 1000 },
  /** A saved mapping to start from (--mapping NAME). */
  saved_mapping: name,
} as const;

interface PlanBody {
  upload_id: string;
  entity: string;
  mapping?: Record<string, string>;
  status_words?: Record<string, StatusWord>;
  allow_guests?: boolean;
  channel?: string;
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  skip?: number;
  saved_mapping?: string;
}

interface CommitBody extends PlanBody {
  save_mapping_as?: string;
  reject_invalid?: boolean;
}

const uploadId = { type: 'string', pattern: '^[0-9a-f]{32}$' } as const;
const entityName = { type: 'string', maxLength: 40 } as const;
const previewResponse = {
  200: { type: 'object', additionalProperties: true },
  400: errorSchema,
  404: errorSchema,
  501: errorSchema,
};

/** Returns the importer's options of a request body (checked by the schema first). */
function optionsOf(body: PlanBody): ImportOptions {
  if (body.channel !== undefined && body.entity !== 'contacts')
    throw new ApiError(
      400,
      'invalid_request',
      'channel is for contacts only.',
      'channel は contacts の取り込みにだけ指定できます。',
    );
  return {
    mapping: body.mapping && Object.keys(body.mapping).length ? body.mapping : undefined,
    statusWords:
      body.status_words && Object.keys(body.status_words).length ? body.status_words : undefined,
    allowGuests: body.allow_guests || undefined,
    channel: body.channel,
    encoding: body.encoding === undefined ? undefined : ENCODING_FLAGS[body.encoding],
    delimiter: body.delimiter === 'tab' ? '\t' : body.delimiter,
    sheet: body.sheet,
    skip: body.skip,
    mappingName: body.saved_mapping,
  };
}

/** Returns a key of the options that decide a dry run's outcome (same key, same plan). */
function planKey(entity: string, o: ImportOptions): string {
  const sorted = (r?: Record<string, string>) =>
    r ? Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1))) : null;
  return JSON.stringify([
    entity,
    sorted(o.mapping),
    sorted(o.statusWords),
    o.allowGuests ?? false,
    o.channel ?? null,
    o.encoding ?? null,
    o.delimiter ?? null,
    o.sheet ?? null,
    o.skip ?? null,
    o.mappingName ?? null,
  ]);
}

/** Remembers a dry run on its upload, so a commit with the same choices need not run it again. */
function remember(up: Upload, key: string, p: ImportPreview): void {
  up.plan = { key, blocked: p.blocked, problems: p.problems, command: p.command };
}

/** Registers the import routes; `uploads` is shared with the server so it is cleared on close. */
export async function importRoutes(
  app: FastifyInstance,
  opts: { uploads: UploadStore; engine?: ImportEngine | null },
): Promise<void> {
  const { gate } = app.kenshin;
  const engine =
    opts.engine === undefined
      ? await loadImportEngine((err) => app.log.error({ err }, 'the importer could not be loaded'))
      : opts.engine;
  const uploads = opts.uploads;

  const checkEntity = (entity: string) => {
    if (!engine) throw unavailable();
    if (!engine.entities.includes(entity)) {
      throw new ApiError(
        400,
        'unknown_entity',
        `Unknown entity ${entity}: one of ${engine.entities.join(', ')}.`,
        `取り込み対象 ${entity} は不明です: ${engine.entities.join(', ')}`,
      );
    }
    return engine;
  };
  const uploadOf = (id: string, owner: string): Upload => {
    const up = uploads.get(id, owner);
    if (!up)
      throw new ApiError(
        404,
        'no_upload',
        'The upload has expired or is not yours: upload it again.',
        'アップロードの期限が切れています。もう一度アップロードしてください。',
      );
    return up;
  };
  // The dry run of an upload with the user's choices; a file-level problem (an unreadable file, a
  // wrong --skip, a saved mapping of another entity) is a 400 that keeps the upload, so that the
  // page can change the reading options and try again.
  const dryRun = async (
    eng: ImportEngine,
    up: Upload,
    entity: string,
    options: ImportOptions,
  ): Promise<Record<string, unknown>> => {
    try {
      const preview = await gate.run((conn) => eng.preview(conn, entity, up.path, options));
      remember(up, planKey(entity, options), preview);
      return { upload_id: up.id, ...preview, file: up.filename };
    } catch (err) {
      throw importError(err, { upload_id: up.id, file: up.filename });
    }
  };

  app.get(
    '/api/import/entities',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['import'],
        summary: 'What can be imported (empty when the importer is not available)',
        response: {
          200: {
            type: 'object',
            properties: {
              available: { type: 'boolean' },
              entities: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
    async () => ({ available: !!engine, entities: engine ? [...engine.entities] : [] }),
  );

  app.post(
    '/api/import/preview',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['import'],
        summary:
          'Upload a file (multipart field "file") and see the plan of its import (detected export, mapping, problems, first rows); nothing is stored',
        querystring: {
          type: 'object',
          properties: { entity: entityName },
          required: ['entity'],
        },
        response: { ...previewResponse, 413: errorSchema },
      },
    },
    async (req) => {
      const { entity } = req.query as { entity: string };
      const eng = checkEntity(entity);
      const file = await req.file();
      if (!file)
        throw new ApiError(
          400,
          'no_file',
          'Attach the file as the multipart field "file".',
          'ファイルを添付してください。',
        );
      const up = await uploads.save(req.user!.username, file.filename, file.file);
      if (file.file.truncated) {
        await uploads.remove(up.id);
        throw new ApiError(
          413,
          'file_too_large',
          'The file is too large.',
          'ファイルが大きすぎます。',
        );
      }
      try {
        return await dryRun(eng, up, entity, {});
      } catch (err) {
        if (!isImportError(err) && !(err instanceof ApiError)) await uploads.remove(up.id);
        throw err;
      }
    },
  );

  app.post(
    '/api/import/plan',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['import'],
        summary:
          'The dry run of a previewed upload again, with the choices of `kenshin import` (mapping, status words, reading options, a saved mapping); nothing is stored',
        body: {
          type: 'object',
          properties: { upload_id: uploadId, entity: entityName, ...planProperties },
          required: ['upload_id', 'entity'],
          additionalProperties: false,
        },
        response: previewResponse,
      },
    },
    async (req) => {
      const body = req.body as PlanBody;
      const eng = checkEntity(body.entity);
      const options = optionsOf(body);
      const up = uploadOf(body.upload_id, req.user!.username);
      return dryRun(eng, up, body.entity, options);
    },
  );

  app.post(
    '/api/import/commit',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['import'],
        summary:
          'Import a previewed upload with the same choices (all or nothing; with reject_invalid the valid rows); refused while a problem blocks the plan',
        body: {
          type: 'object',
          properties: {
            upload_id: uploadId,
            entity: entityName,
            ...planProperties,
            /** Save the mapping of this import under a name (--save-mapping NAME). */
            save_mapping_as: name,
            /** Store the valid rows and leave the invalid ones out (--reject-file). */
            reject_invalid: { type: 'boolean' },
          },
          required: ['upload_id', 'entity'],
          additionalProperties: false,
        },
        response: previewResponse,
      },
    },
    async (req) => {
      const body = req.body as CommitBody;
      const eng = checkEntity(body.entity);
      const options = optionsOf(body);
      const up = uploadOf(body.upload_id, req.user!.username);
      const key = planKey(body.entity, options);
      let result: Record<string, unknown>;
      try {
        result = await gate.run(async (conn) => {
          // The plan the user saw is the plan committed: without a dry run of these very choices
          // (the page always has one), run it now; a blocking problem refuses the commit.
          if (up.plan?.key !== key)
            remember(up, key, await eng.preview(conn, body.entity, up.path, options));
          const plan = up.plan!;
          if (plan.blocked) {
            const problems = plan.problems as ImportPreview['problems'];
            const blocking = problems.filter((p) => p.blocking);
            const codes = [...new Set(blocking.map((p) => p.code))];
            throw new ApiError(
              400,
              'import_blocked',
              `The import cannot run as planned (${codes.join(', ')}); nothing was stored.`,
              `このままでは取り込めません（${codes.join(', ')}）。何も取り込んでいません。`,
              { problems: blocking, command: plan.command },
            );
          }
          const r = await eng.commit(conn, body.entity, up.path, {
            ...options,
            saveMappingAs: body.save_mapping_as,
            rejectFile: body.reject_invalid ? join(up.path, '..', 'rejected.csv') : undefined,
          });
          await logAudit(conn, req.user!.username, 'import_commit', {
            entity: body.entity,
            file: up.filename,
            options: {
              columns_mapped: Object.keys(options.mapping ?? {}).length,
              status_words: options.statusWords ?? {},
              allow_guests: options.allowGuests ?? false,
              saved_mapping: options.mappingName ?? null,
              reject_invalid: body.reject_invalid ?? false,
            },
            ...r,
          });
          return r;
        });
      } catch (err) {
        // Refused (a blocking problem, invalid rows, a file-level problem): the upload stays, so
        // the user can change the plan and commit again.
        throw importError(err);
      }
      await uploads.remove(up.id);
      return { entity: body.entity, file: up.filename, ...result };
    },
  );

  app.get(
    '/api/import/mappings',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['import'],
        summary: 'The saved mappings (kenshin import --save-mapping), of one entity or all',
        querystring: {
          type: 'object',
          properties: { entity: entityName },
        },
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async (req) => {
      const { entity } = req.query as { entity?: string };
      const rows = await gate.run(
        async (conn) =>
          (
            await conn.runAndReadAll(
              `SELECT name, entity, mapping, options, CAST(saved_at AS VARCHAR) FROM import_mappings
               WHERE $1::VARCHAR IS NULL OR entity = $1::VARCHAR ORDER BY name`,
              [entity ?? null],
            )
          ).getRows() as string[][],
      );
      return {
        mappings: rows.map(([n, ent, mapping, options, savedAt]) => {
          const o = JSON.parse(options) as Record<string, unknown>;
          const { statusWords, ...reading } = o;
          return {
            name: n,
            entity: ent,
            mapping: JSON.parse(mapping) as Record<string, string>,
            status_words: (statusWords ?? {}) as Record<string, string>,
            options: reading,
            saved_at: savedAt,
          };
        }),
      };
    },
  );
}
