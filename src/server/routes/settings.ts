// GET /api/settings (everyone signed in; alert targets only for admins, since webhook URLs
// often carry secrets) and PUT /api/settings (admin), validated by the zod Settings.
import type { FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { ApiError, errorSchema } from '../errors.js';
import { loadSettings, saveSettings } from '../../store/settings-store.js';
import { logAudit } from '../../store/audit-store.js';
import type { Settings } from '../../domain/settings.js';

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

/** Returns the body with the placeholder password replaced by the stored one. */
function keepSecret(body: unknown, before: Settings): unknown {
  const b = body as { alerts?: { smtp_pass?: unknown } } | null;
  if (b?.alerts?.smtp_pass !== SECRET_PLACEHOLDER) return body;
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
    async (req) => forRole(await gate.run((conn) => loadSettings(conn)), req.user!.role),
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
          const before = await loadSettings(conn);
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
        if (err instanceof ZodError) {
          const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
          const text = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
          throw new ApiError(
            400,
            'settings_invalid',
            `Invalid settings: ${text}`,
            `設定が不正です: ${text}`,
            issues,
          );
        }
        throw err;
      }
    },
  );
}
