// `kenshin user add|list|remove|passwd`: the dashboard's users. A password not given on the
// command line is asked for (hidden) on a terminal, or generated and printed once otherwise.
import type { Command } from 'commander';
import { UserError, cliActor, withStore } from './common.js';
import {
  ROLES,
  addUser,
  deleteUser,
  ensureUserTables,
  generatePassword,
  getUser,
  listUsers,
  setPassword,
} from '../store/users-store.js';
import { logAudit } from '../store/audit-store.js';
import { registerMembership } from './membership.js';
import { checkPasswordLength, checkRole, checkUsername } from './user-checks.js';

const actor = cliActor;

/** Returns a line typed on the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let text = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          done();
          return resolve(text);
        }
        if (ch === '\u0003') {
          done();
          return reject(new UserError('cancelled', '中止しました / cancelled'));
        }
        text = ch === '\u007f' || ch === '\b' ? text.slice(0, -1) : text + ch;
      }
    };
    const done = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stdout.write('\n');
    };
    stdin.on('data', onData);
  });
}

/** Returns the password: given, typed twice on a terminal, or generated (printed = true). */
async function obtainPassword(
  given: string | undefined,
): Promise<{ password: string; generated: boolean }> {
  if (given !== undefined) {
    checkPasswordLength(given);
    return { password: given, generated: false };
  }
  if (!process.stdin.isTTY) return { password: generatePassword(), generated: true };
  const a = await askHidden('パスワード / password: ');
  checkPasswordLength(a);
  const b = await askHidden('もう一度 / again: ');
  if (a !== b)
    throw new UserError('password_mismatch', 'パスワードが一致しません / the passwords differ');
  return { password: a, generated: false };
}

/** Registers the user command and its subcommands. */
export function registerUser(program: Command): void {
  const user = program
    .command('user')
    .description(
      'dashboard users: add, list, remove, passwd; grant, revoke, memberships (workspace) / ダッシュボードのユーザー',
    );

  user
    .command('add <name>')
    .description('add a user / ユーザーを追加')
    .requiredOption('--role <role>', `role: ${ROLES.join(', ')}`)
    .option(
      '--password <password>',
      'password (asked for when omitted; generated when not on a terminal)',
    )
    .action(async (name: string, opts: { role: string; password?: string }, cmd: Command) => {
      checkUsername(name);
      const role = checkRole(opts.role);
      await withStore(cmd, async ({ conn }) => {
        await ensureUserTables(conn);
        if (await getUser(conn, name))
          throw new UserError('user_exists', `ユーザー ${name} は既にいます / user ${name} exists`);
        const { password, generated } = await obtainPassword(opts.password);
        await addUser(conn, name, password, role);
        await logAudit(conn, actor(), 'user_add', { username: name, role });
        process.stdout.write(`追加しました / added ${name} (${role})\n`);
        if (generated) process.stdout.write(`パスワード / password: ${password}\n`);
      });
    });

  user
    .command('list')
    .description('list users / ユーザー一覧')
    .action(async (_opts: unknown, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        await ensureUserTables(conn);
        for (const u of await listUsers(conn))
          process.stdout.write(`${u.username.padEnd(24)} ${u.role.padEnd(8)} ${u.created_at}\n`);
      });
    });

  user
    .command('remove <name>')
    .description('remove a user and end their sessions / ユーザーを削除')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        await ensureUserTables(conn);
        if (!(await deleteUser(conn, name)))
          throw new UserError('no_user', `ユーザー ${name} はいません / no user ${name}`);
        await logAudit(conn, actor(), 'user_delete', { username: name });
        process.stdout.write(`削除しました / removed ${name}\n`);
      });
    });

  user
    .command('passwd <name>')
    .description("set a user's password / パスワードを変更")
    .option(
      '--password <password>',
      'new password (asked for when omitted; generated when not on a terminal)',
    )
    .action(async (name: string, opts: { password?: string }, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        await ensureUserTables(conn);
        if (!(await getUser(conn, name)))
          throw new UserError('no_user', `ユーザー ${name} はいません / no user ${name}`);
        const { password, generated } = await obtainPassword(opts.password);
        await setPassword(conn, name, password);
        await logAudit(conn, actor(), 'user_update', { username: name, password_changed: true });
        process.stdout.write(`変更しました / changed the password of ${name}\n`);
        if (generated) process.stdout.write(`パスワード / password: ${password}\n`);
      });
    });

  registerMembership(user);
}
