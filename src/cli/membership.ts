// `kenshin user grant NAME --business B --role R` and `kenshin user revoke NAME --business B`:
// who may see which business of a workspace, kept in the workspace's catalogue (not in any
// business file), so one person can be admin of one client and viewer of another. A person
// the catalogue does not know yet is created by their first grant, with a password given or
// generated (printed once), as `kenshin user add` does for a one-business database.
import type { Command } from 'commander';
import { cliActor, globalOpts, UserError } from './common.js';
import { findBusiness, openCatalogue, resolveWorkspace } from '../workspace/workspace.js';
import type { Catalogue } from '../workspace/catalogue.js';
import { ROLES, generatePassword, hashPassword } from '../store/users-store.js';
import { checkPasswordLength, checkRole, checkUsername } from './user-checks.js';

/** Returns --business: the program's own flag (commander reads it wherever it is typed). */
function businessFlag(cmd: Command): string {
  const b = globalOpts(cmd).business;
  if (b === undefined)
    throw new UserError('no_business', '--business を指定してください / --business is required');
  return b;
}

async function withCatalogue<T>(cmd: Command, fn: (c: Catalogue) => Promise<T>): Promise<T> {
  const catalogue = await openCatalogue(resolveWorkspace(globalOpts(cmd).workspace));
  try {
    return await fn(catalogue);
  } finally {
    await catalogue.close();
  }
}

/** Adds grant and revoke to the `user` command. */
export function registerMembership(user: Command): void {
  user
    .command('grant <name>')
    .description(
      'give a user a role in one business of the workspace / ワークスペースの事業での役割を付与',
    )
    .requiredOption('--role <role>', `role: ${ROLES.join(', ')}`)
    .option('--password <password>', 'password, when this grant creates the user (else generated)')
    .action(async (name: string, opts: { role: string; password?: string }, cmd: Command) => {
      checkUsername(name);
      const role = checkRole(opts.role);
      if (opts.password !== undefined) checkPasswordLength(opts.password);
      await withCatalogue(cmd, async (c) => {
        const b = await findBusiness(c, businessFlag(cmd));
        let generated: string | null = null;
        if ((await c.passwordHash(name)) === null) {
          const password = opts.password ?? (generated = generatePassword());
          await c.addUser(name, await hashPassword(password));
          await c.logAudit(cliActor(), 'user_add', { username: name });
        }
        await c.setMembership(name, b.name, role);
        await c.logAudit(cliActor(), 'user_update', { username: name, business: b.name, role });
        process.stdout.write(`付与しました / granted ${name}: ${b.name} (${role})\n`);
        if (generated) process.stdout.write(`パスワード / password: ${generated}\n`);
      });
    });

  user
    .command('revoke <name>')
    .description("remove a user's role in one business / 事業での役割を取り消し")
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      const business = businessFlag(cmd);
      await withCatalogue(cmd, async (c) => {
        const had = (await c.memberships(name)).some((m) => m.business === business);
        if (!had)
          throw new UserError(
            'no_membership',
            `${name} は事業「${business}」の役割を持っていません / ${name} has no role in "${business}"`,
          );
        await c.setMembership(name, business, null);
        await c.logAudit(cliActor(), 'user_update', {
          username: name,
          business: business,
          role: null,
        });
        process.stdout.write(`取り消しました / revoked ${name}: ${business}\n`);
      });
    });

  user
    .command('memberships')
    .description('list the users of the workspace and their roles / ワークスペースのユーザーと役割')
    .option('--json', 'machine-readable')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withCatalogue(cmd, async (c) => {
        const users = await c.listUsers();
        if (opts.json) return void process.stdout.write(JSON.stringify(users, null, 2) + '\n');
        for (const u of users)
          process.stdout.write(
            `${u.username.padEnd(24)} ${u.memberships.map((m) => `${m.business}:${m.role}`).join(' ') || '—'}\n`,
          );
      });
    });
}
