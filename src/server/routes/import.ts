// Import from the dashboard (analyst+): POST /api/import/preview takes a multipart upload,
// keeps the file and answers with what the importer detected — encoding, column mapping, the
// first rows, rejected rows — without storing anything; POST /api/import/commit imports that
// upload (audit-logged) and removes it.
import type { FastifyInstance } from 'fastify';
import { ApiError, errorSchema, notAvailable } from '../errors.js';
import { loadImportEngine, type ImportEngine } from '../imports/engine.js';
import { UploadStore } from '../imports/uploads.js';
import { logAudit } from '../../store/audit-store.js';

const unavailable = () =>
  notAvailable(
    'import_unavailable',
    'Importing from the dashboard is not available in this build; use `kenshin import`.',
    'このビルドではダッシュボードからの取り込みは使えません。`kenshin import` を使ってください。',
  );

/** Returns the importer's error as an API error with the importer's own code (400). */
function importError(err: unknown): unknown {
  const e = err as { name?: string; code?: string; message?: string };
  if (e?.name !== 'ImportError' || !e.code) return err;
  // The importer writes "日本語 / English" in one message; the API gives each language its own.
  const text = e.message ?? e.code;
  const cut = text.indexOf(' / ');
  const ja = cut > 0 ? text.slice(0, cut) : text;
  const en = cut > 0 ? text.slice(cut + 3) : text;
  return new ApiError(400, e.code, en, ja);
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
          'Upload a file (multipart field "file") and see the detected mapping and first rows; nothing is stored',
        querystring: {
          type: 'object',
          properties: { entity: { type: 'string', maxLength: 40 } },
          required: ['entity'],
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          400: errorSchema,
          501: errorSchema,
        },
      },
    },
    async (req) => {
      if (!engine) throw unavailable();
      const { entity } = req.query as { entity: string };
      if (!engine.entities.includes(entity)) {
        throw new ApiError(
          400,
          'unknown_entity',
          `Unknown entity ${entity}: one of ${engine.entities.join(', ')}.`,
          `取り込み対象 ${entity} は不明です: ${engine.entities.join(', ')}`,
        );
      }
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
        const preview = await gate.run((conn) => engine.preview(conn, entity, up.path, {}));
        return { upload_id: up.id, ...preview, file: up.filename };
      } catch (err) {
        await uploads.remove(up.id);
        throw importError(err);
      }
    },
  );

  app.post(
    '/api/import/commit',
    {
      config: { access: 'analyst' },
      schema: {
        tags: ['import'],
        summary: 'Import a previewed upload into the database (all or nothing)',
        body: {
          type: 'object',
          properties: {
            upload_id: { type: 'string', pattern: '^[0-9a-f]{32}$' },
            entity: { type: 'string', maxLength: 40 },
            mapping: { type: 'object', additionalProperties: { type: 'string' } },
          },
          required: ['upload_id', 'entity'],
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', additionalProperties: true },
          400: errorSchema,
          404: errorSchema,
          501: errorSchema,
        },
      },
    },
    async (req) => {
      if (!engine) throw unavailable();
      const body = req.body as {
        upload_id: string;
        entity: string;
        mapping?: Record<string, string>;
      };
      const up = uploads.get(body.upload_id, req.user!.username);
      if (!up)
        throw new ApiError(
          404,
          'no_upload',
          'The upload has expired or is not yours: upload it again.',
          'アップロードの期限が切れています。もう一度アップロードしてください。',
        );
      try {
        const result = await gate.run(async (conn) => {
          const r = await engine.commit(conn, body.entity, up.path, { mapping: body.mapping });
          await logAudit(conn, req.user!.username, 'import_commit', {
            entity: body.entity,
            file: up.filename,
            ...r,
          });
          return r;
        });
        return { entity: body.entity, file: up.filename, ...result };
      } catch (err) {
        throw importError(err);
      } finally {
        await uploads.remove(up.id);
      }
    },
  );
}
