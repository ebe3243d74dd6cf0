// GET /api/settings (everyone signed in; alert targets only for admins, since webhook URLs
// often carry secrets) and PUT /api/settings (admin), validated by the zod Settings: a bad
// value is a 400 `settings_invalid` naming the field, in Japanese and English. When the stored
// settings are invalid (written by an older version), GET shows them with the refused fields
// at their defaults and lists the problems in `invalid`, so an admin can fix them on the page.
import type { FastifyInstance } from 'fastify';
import { ApiError, errorSchema } from '../errors.js';
import { loadSettingsLenient, saveSettings } from '../../store/settings-store.js';
import { logAudit } from '../../store/audit-store.js';
import type { Settings } from '../../domain/settings.js';
import { KenshinError } from '../../domain/errors.js';

const settingsSchema = {
  type: 'object',
  description: 'Settings (src/domain/settings.ts), defaults filled in.',
  additionalProperties: true,
} as const;

/** Stands in for a stored SMTP password in responses; sent back unchanged, it keeps the stored one. */
export const SECRET_PLACEHOLDER = '********';

/** Returns settings fit for `role`: alert targets blanked for non-admins, the SMTP password never shown. */
function forRole(s: Settings, role: string): Settings & { alerts_redacted?: boolean } {
  if (role !== 'admin')
    return { ...s, alerts: { email_to: [], webhook_url: undefined }, alerts_redacted: true };
  return s.alerts.smtp_pass ? { ...s, alerts: { ...s.alerts, smtp_pass: SECRET_PLACEHOLDER } } : s;
}

/**
 * Returns the body with the placeholder password replaced by the stored one, and without the
 * read-only fields GET adds (`invalid`, `alerts_redacted`) when the page sends them back.
 */
function keepSecret(body: unknown, before: Settings): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const b = { ...body } as Record<string, unknown> & { alerts?: { smtp_pass?: unknown } };
  delete b.invalid;
  delete b.alerts_redacted;
  if (b.alerts?.smtp_pass !== SECRET_PLACEHOLDER) return b;
  return { ...b, alerts: { ...b.alerts, smtp_pass: before.alerts.smtp_pass } };
}

/** Registers the settings routes. */
export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  const { gate } = app.kenshin;

  app.get(
    '/api/settings',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['settings'],
        summary: 'The business settings',
        response: { 200: settingsSchema },
      },
    },
    async (req) => {
      const { settings, problems } = await gate.run((conn) => loadSettingsLenient(conn));
      const out = forRole(settings, req.user!.role);
      return problems.length ? { ...out, invalid: problems } : out;
    },
  );

  app.put(
    '/api/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['settings'],
        summary: 'Replace the settings (validated; missing fields take their defaults)',
        description:
          'Stored checkups keep the numbers of their day; the new settings apply from the next checkup.',
        body: { type: 'object', additionalProperties: true },
        response: { 200: settingsSchema, 400: errorSchema },
      },
    },
    async (req) => {
      try {
        return await gate.run(async (conn) => {
          const { settings: before } = await loadSettingsLenient(conn);
          const saved = await saveSettings(conn, keepSecret(req.body, before));
          const changed = Object.keys(saved).filter(
            (k) =>
              JSON.stringify(saved[k as keyof Settings]) !==
              JSON.stringify(before[k as keyof Settings]),
          );
          await logAudit(conn, req.user!.username, 'settings_change', { changed });
          return forRole(saved, 'admin');
        });
      } catch (err) {
        if (err instanceof KenshinError && err.code === 'settings_invalid')
          throw new ApiError(400, err.code, err.en, err.ja, err.details);
        throw err;
      }
    },
  );
}
