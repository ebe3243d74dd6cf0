// `kenshin business add | list | rename | remove`: the businesses of a workspace (the folder of
// --workspace / KENSHIN_WORKSPACE). Each business is one DuckDB file, businesses/NAME.duckdb;
// the catalogue (workspace.duckdb) lists them. Removing a business deletes its file only with
// --force, and the removal is written to the workspace's audit log.
import type { Command } from 'commander';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { closeStore, openStore } from '../store/db.js';
import { businessFile } from '../workspace/names.js';
import { findBusiness, openCatalogue, resolveWorkspace } from '../workspace/workspace.js';
import type { Catalogue } from '../workspace/catalogue.js';
import { cliActor, globalOpts, UserError } from './common.js';

async function withCatalogue<T>(
  cmd: Command,
  create: boolean,
  fn: (c: Catalogue, workspace: string) => Promise<T>,
): Promise<T> {
  const workspace = resolveWorkspace(globalOpts(cmd).workspace);
  if (create) mkdirSync(workspace, { recursive: true });
  const catalogue = await openCatalogue(workspace, create);
  try {
    return await fn(catalogue, workspace);
  } finally {
    await catalogue.close();
  }
}

export function registerBusiness(program: Command): void {
  const business = program
    .command('business')
    .description('businesses of the workspace: add, list, rename, remove / ワークスペースの事業');

  business
    .command('add <name>')
    .description('add a business (creates businesses/NAME.duckdb) / 事業を追加')
    .option('--label <label>', 'the name shown to people (may be Japanese)')
    .action(async (name: string, o: { label?: string }, cmd: Command) => {
      await withCatalogue(cmd, true, async (c, workspace) => {
        if (await c.getBusiness(name))
          throw new UserError(
            'business_exists',
            `事業「${name}」はすでにあります / the business "${name}" exists already`,
          );
        const file = businessFile(name);
        const path = join(workspace, file);
        if (existsSync(path))
          throw new UserError(
            'business_file_exists',
            `「${path}」がすでにあります。別の名前にするか、ファイルを移してください / "${path}" exists already; choose another name or move the file`,
          );
        mkdirSync(dirname(path), { recursive: true });
        closeStore(await openStore(path));
        const b = await c.addBusiness({ name, label: o.label ?? name, file });
        await c.logAudit(cliActor(), 'business_add', { business: name, file });
        console.log(`追加しました / added: ${b.name} (${b.label}) → ${path}`);
      });
    });

  business
    .command('list')
    .description('list the businesses / 事業の一覧')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }, cmd: Command) => {
      await withCatalogue(cmd, false, async (c, workspace) => {
        const list = await c.listBusinesses();
        if (o.json) return console.log(JSON.stringify(list, null, 2));
        if (!list.length) return console.log('事業はありません / no businesses');
        for (const b of list) console.log(`${b.name}\t${b.label}\t${join(workspace, b.file)}`);
      });
    });

  business
    .command('rename <name>')
    .description('rename a business (its file keeps its name) / 事業の名前を変更')
    .option('--to <new>', 'the new name')
    .option('--label <label>', 'the new label')
    .action(async (name: string, o: { to?: string; label?: string }, cmd: Command) => {
      if (o.to === undefined && o.label === undefined)
        throw new UserError(
          'nothing_to_rename',
          '--to か --label を指定してください / give --to or --label',
        );
      await withCatalogue(cmd, false, async (c) => {
        await findBusiness(c, name);
        if (o.to !== undefined && o.to !== name && (await c.getBusiness(o.to)))
          throw new UserError(
            'business_exists',
            `事業「${o.to}」はすでにあります / the business "${o.to}" exists already`,
          );
        const b = await c.renameBusiness(name, { name: o.to, label: o.label });
        await c.logAudit(cliActor(), 'business_rename', { from: name, to: b.name, label: b.label });
        console.log(`変更しました / renamed: ${name} → ${b.name} (${b.label})`);
      });
    });

  business
    .command('remove <name>')
    .description(
      'remove a business from the workspace; with --force, delete its file too / 事業を削除',
    )
    .option('--force', 'also delete the business database file')
    .action(async (name: string, o: { force?: boolean }, cmd: Command) => {
      await withCatalogue(cmd, false, async (c, workspace) => {
        const b = await findBusiness(c, name);
        const path = join(workspace, b.file);
        await c.removeBusiness(name);
        if (o.force) rmSync(path, { force: true });
        await c.logAudit(cliActor(), 'business_remove', {
          business: name,
          file: b.file,
          file_deleted: Boolean(o.force),
        });
        console.log(
          o.force
            ? `削除しました(ファイルも削除) / removed, file deleted: ${name}`
            : `一覧から外しました。ファイルは残っています: ${path} / removed from the workspace; the file is kept: ${path}`,
        );
      });
    });
}
