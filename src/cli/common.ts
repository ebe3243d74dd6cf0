// Shared plumbing of the commands: opening the store from --db and turning errors into the
// user's words with a non-zero exit code.
import type { Command } from 'commander';
import { realpathSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { closeStore, openStore, type Store } from '../store/db.js';
import { resolveTargetDb, type TargetFlags } from '../workspace/workspace.js';
import { classifyError } from '../store/errors.js';
import { KenshinError, splitWords, type ExitCode } from '../domain/errors.js';

/** A KenshinError written as one "日本語 / English" message (the commands' own refusals). */
export class UserError extends KenshinError {
  constructor(code: string, message: string, exitCode: ExitCode = 1) {
    super(code, splitWords(message), exitCode);
    this.message = message;
  }
}

/** Returns the global options (--db, --business, --workspace) of the root program. */
export function globalOpts(cmd: Command): TargetFlags {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root.opts() as TargetFlags;
}

/** Returns the database file of the command: --business NAME's file, else --db / KENSHIN_DB / ./kenshin.duckdb. */
export function targetDb(cmd: Command): Promise<string> {
  return resolveTargetDb(globalOpts(cmd));
}

/**
 * Opens the store named by --db / KENSHIN_DB (or --business NAME of the workspace), runs `fn`, and always closes it. Engine and file
 * system errors come out as KenshinErrors naming the database (disk full, damaged, …).
 */
export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const dbPath = await targetDb(cmd);
  const store = await openStore(dbPath);
  try {
    return await fn(store);
  } catch (err) {
    throw classifyError(err, { dbPath }) ?? err;
  } finally {
    closeStore(store);
  }
}

// The real path of a file, or of where it would be created (its directory's real path): a
// symlink or "./" must not let an output name the same file as an input.
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const dir = dirname(resolve(path));
    try {
      return join(realpathSync(dir), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/**
 * Throws a UserError unless `path` may be written: never over one of the command's input files
 * (not even with --force), never over an existing file without --force, never over a directory.
 * Call it before any work, so that a refusal changes nothing.
 */
export function checkOutputFile(
  path: string,
  opts: { flag: string; force?: boolean; inputs?: string[] },
): void {
  const real = realPath(path);
  if ((opts.inputs ?? []).some((i) => realPath(i) === real))
    throw new UserError(
      'output_is_input',
      `${opts.flag}「${path}」は取り込むファイルそのものです。別のファイル名を指定してください / ` +
        `${opts.flag} "${path}" is the file being imported; name another file`,
    );
  const info = statSync(path, { throwIfNoEntry: false });
  if (info?.isDirectory())
    throw new UserError(
      'output_is_directory',
      `${opts.flag}「${path}」はフォルダです。ファイル名を指定してください / ${opts.flag} "${path}" is a directory; name a file`,
    );
  if (info && !opts.force)
    throw new UserError(
      'output_exists',
      `「${path}」は既にあります。上書きするには --force を付けてください / "${path}" already exists; add --force to overwrite it`,
    );
}

/** The --retry-minutes option of the commands that schedule the daily job (schedule, serve --daily). */
export const RETRY_MINUTES_OPTION = [
  '--retry-minutes <n>',
  'between daily runs, send undelivered alerts every n minutes (0: only at runs)',
  '10',
] as const;

/** Returns --retry-minutes in milliseconds; throws a UserError unless it is a number ≥ 0. */
export function retryMs(text: string): number {
  const minutes = Number(text);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new UserError(
      'bad_retry',
      `--retry-minutes は 0 以上の数 / --retry-minutes must be ≥ 0: ${text}`,
    );
  return minutes * 60_000;
}

/** Returns who runs the command, for the audit log ('cli:<os user>'). */
export function cliActor(): string {
  try {
    return `cli:${process.env.USER ?? userInfo().username}`;
  } catch {
    return 'cli:unknown';
  }
}
