// Which workspace and which business a command works on. A workspace is a folder holding the
// catalogue (workspace.duckdb) and one DuckDB file per business (businesses/NAME.duckdb).
// Without --business nothing changes: --db / KENSHIN_DB / ./kenshin.duckdb is a one-business
// workspace that needs no catalogue.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { EXIT, KenshinError, splitWords } from '../domain/errors.js';
import { resolveDbPath } from '../store/db.js';
import type { Business, Catalogue } from './catalogue.js';
import { coordinatorMode } from '../coordinator/mode.js';
import { openPgCatalogue } from '../coordinator/pg-catalogue.js';
import { CATALOGUE_FILE, FileCatalogue } from './file-catalogue.js';
import { checkBusinessName } from './names.js';

export interface TargetFlags {
  db?: string;
  business?: string;
  workspace?: string;
}

/** Returns the workspace folder: --workspace, then KENSHIN_WORKSPACE, then the folder of today's database path. */
export function resolveWorkspace(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.KENSHIN_WORKSPACE ?? dirname(resolveDbPath(undefined)));
}

/** The catalogue file of a workspace folder. */
export function cataloguePath(workspace: string): string {
  return join(workspace, CATALOGUE_FILE);
}

const refuse = (code: string, message: string) =>
  new KenshinError(code, splitWords(message), EXIT.input);

/** Throws unless --db and --business are not both given (they name two different files). */
export function checkTargetFlags(flags: TargetFlags): void {
  if (flags.db !== undefined && flags.business !== undefined)
    throw refuse(
      'db_and_business',
      '--db と --business は同時に指定できません。どちらか一方にしてください / ' +
        '--db and --business cannot be used together; give one of them',
    );
}

/**
 * Opens the workspace's catalogue: PostgreSQL's in the coordinated mode (KENSHIN_COORDINATOR),
 * so that `kenshin business add` on any machine adds to the one every worker reads; else the
 * file in the workspace, and then throws when the workspace has none yet (unless `create`).
 */
export async function openCatalogue(
  workspace: string,
  create = false,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Catalogue> {
  const mode = coordinatorMode(env);
  if (mode.kind === 'coordinated') return openPgCatalogue(mode.url);
  const path = cataloguePath(workspace);
  if (!create && !existsSync(path))
    throw refuse(
      'no_workspace',
      `ワークスペース「${workspace}」に事業がありません（${CATALOGUE_FILE} がありません）。kenshin business add NAME で追加してください / ` +
        `the workspace "${workspace}" has no businesses (no ${CATALOGUE_FILE}); add one with kenshin business add NAME`,
    );
  return FileCatalogue.open(path);
}

/** Returns the catalogue entry of `name`, or throws a KenshinError naming the known businesses. */
export async function findBusiness(catalogue: Catalogue, name: string): Promise<Business> {
  checkBusinessName(name);
  const b = await catalogue.getBusiness(name);
  if (b) return b;
  const known = (await catalogue.listBusinesses()).map((x) => x.name).join(', ') || '—';
  throw refuse(
    'no_such_business',
    `事業「${name}」はこのワークスペースにありません（登録済み: ${known}） / ` +
      `no business "${name}" in this workspace (known: ${known})`,
  );
}

/** Returns the database file the command works on: the business's file, or today's --db path. */
export async function resolveTargetDb(flags: TargetFlags): Promise<string> {
  checkTargetFlags(flags);
  if (flags.business === undefined) return resolveDbPath(flags.db);
  const workspace = resolveWorkspace(flags.workspace);
  const catalogue = await openCatalogue(workspace);
  try {
    return join(workspace, (await findBusiness(catalogue, flags.business)).file);
  } finally {
    await catalogue.close();
  }
}
