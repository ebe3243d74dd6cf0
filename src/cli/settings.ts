// `kenshin settings show|get|set|unset|import|export|check`: the business settings from the
// command line. Every write is validated by the same zod schema as the dashboard's; a bad value
// is refused naming the field (exit 1) and nothing is stored.
import type { Command } from 'commander';
import { UserError, withStore } from './common.js';

/** Returns a value typed on the command line: JSON when it parses (numbers, arrays, null), else text. */
export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Returns a copy of `obj` with the dotted `path` set to `value` (undefined removes it). */
export function setPath(
  obj: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const keys = path.split('.');
  const out = structuredClone(obj);
  let node = out;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    node[k] = next && typeof next === 'object' && !Array.isArray(next) ? next : {};
    node = node[k] as Record<string, unknown>;
  }
  if (value === undefined) delete node[keys[keys.length - 1]];
  else node[keys[keys.length - 1]] = value;
  return out;
}

/** Returns the settings as shown to a person: the SMTP password hidden. */
function redact(s: Record<string, unknown>): Record<string, unknown> {
  const alerts = s.alerts as Record<string, unknown> | undefined;
  return alerts?.smtp_pass ? { ...s, alerts: { ...alerts, smtp_pass: '********' } } : s;
}

/** Registers the settings command and its subcommands. */
export function registerSettings(program: Command): void {
  const cmd = program
    .command('settings')
    .description('show, check and change the business settings / 設定の表示・確認・変更');

  cmd
    .command('show')
    .description('print the settings (defaults filled in) as JSON')
    .action(async (_o: unknown, c: Command) => {
      const { loadSettings } = await import('../store/settings-store.js');
      await withStore(c, async ({ conn }) => {
        const s = await loadSettings(conn);
        process.stdout.write(JSON.stringify(redact(s), null, 2) + '\n');
      });
    });

  cmd
    .command('get')
    .argument('<key>', 'dotted key, e.g. timezone or diagnosis.min_base')
    .description('print one setting')
    .action(async (key: string, _o: unknown, c: Command) => {
      const { loadSettings } = await import('../store/settings-store.js');
      await withStore(c, async ({ conn }) => {
        let v: unknown = await loadSettings(conn);
        for (const k of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
        if (v === undefined)
          throw new UserError(
            'unknown_setting',
            `設定「${key}」はありません / no setting "${key}"`,
          );
        process.stdout.write((typeof v === 'string' ? v : JSON.stringify(v, null, 2)) + '\n');
      });
    });

  cmd
    .command('set')
    .argument('<key=value...>', 'e.g. timezone=Asia/Tokyo gross_margin_rate=0.4 memory.limit=2GiB')
    .description('change settings (validated; nothing is stored when any value is refused)')
    .action(async (pairs: string[], _o: unknown, c: Command) => {
      await change(c, (raw) => {
        let next = raw;
        for (const p of pairs) {
          const eq = p.indexOf('=');
          if (eq <= 0)
            throw new UserError(
              'bad_setting',
              `「key=value」の形で指定してください / give key=value: ${p}`,
            );
          next = setPath(next, p.slice(0, eq).trim(), parseValue(p.slice(eq + 1)));
        }
        return next;
      });
    });

  cmd
    .command('unset')
    .argument('<key...>', 'dotted keys to put back to their defaults')
    .description('put settings back to their defaults')
    .action(async (keys: string[], _o: unknown, c: Command) => {
      await change(c, (raw) => keys.reduce((acc, k) => setPath(acc, k, undefined), raw));
    });

  cmd
    .command('import')
    .argument('<file>', 'a JSON file of settings (as written by settings export)')
    .description('replace the settings with a file (validated; refused as a whole when invalid)')
    .action(async (file: string, _o: unknown, c: Command) => {
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(file, 'utf8');
      let parsed: unknown;
      try {
        parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (err) {
        throw new UserError(
          'settings_not_json',
          `「${file}」は JSON ではありません / "${file}" is not JSON: ${(err as Error).message}`,
        );
      }
      await change(c, () => parsed as Record<string, unknown>, file);
    });

  cmd
    .command('export')
    .argument('[file]', 'write here instead of stdout')
    .description('write the settings as JSON (the SMTP password included: keep the file private)')
    .action(async (file: string | undefined, _o: unknown, c: Command) => {
      const { loadSettings } = await import('../store/settings-store.js');
      await withStore(c, async ({ conn }) => {
        const text = JSON.stringify(await loadSettings(conn), null, 2) + '\n';
        if (!file) return void process.stdout.write(text);
        const { writeFile } = await import('node:fs/promises');
        await writeFile(file, text, { mode: 0o600 });
      });
    });

  cmd
    .command('check')
    .description('check the stored settings; exit 1 naming every invalid field')
    .action(async (_o: unknown, c: Command) => {
      const { loadSettings } = await import('../store/settings-store.js');
      await withStore(c, async ({ conn }) => {
        await loadSettings(conn);
        process.stdout.write('設定は正しい / settings are valid\n');
      });
    });
}

/** Applies `edit` to the stored settings document, validates the result and stores it. */
async function change(
  c: Command,
  edit: (raw: Record<string, unknown>) => Record<string, unknown>,
  source?: string,
): Promise<void> {
  const { loadRawSettings, saveSettings } = await import('../store/settings-store.js');
  const { checkSettings, settingsError } = await import('../domain/settings.js');
  const { logAudit } = await import('../store/audit-store.js');
  const { userInfo } = await import('node:os');
  await withStore(c, async ({ conn }) => {
    const raw = ((await loadRawSettings(conn)) ?? {}) as Record<string, unknown>;
    const next = edit(raw);
    const r = checkSettings(next);
    if (!r.ok) throw settingsError(r.problems, source ? { ja: source, en: source } : undefined);
    const before = checkSettings(raw);
    await saveSettings(conn, next);
    const changed = Object.keys(r.settings).filter(
      (k) =>
        !before.ok ||
        JSON.stringify(r.settings[k as keyof typeof r.settings]) !==
          JSON.stringify(before.settings[k as keyof typeof before.settings]),
    );
    await logAudit(conn, `cli:${userInfo().username}`, 'settings_change', { changed, source });
    process.stdout.write(`保存しました / saved: ${changed.join(', ') || '(no change)'}\n`);
  });
}
