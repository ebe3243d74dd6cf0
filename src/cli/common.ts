// Shared plumbing of the commands: opening the store from --db and turning errors into the
// user's words with a non-zero exit code.
import type { Command } from 'commander';
import { closeStore, openStore, resolveDbPath, type Store } from '../store/db.js';

/** An error meant for the user: a stable code and a message (Japanese and English). */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Returns the global options (--db) of the root program. */
export function globalOpts(cmd: Command): { db?: string } {
  let root = cmd;
  while (root.parent) root = root.parent;
  return root.opts() as { db?: string };
}

/** Opens the store named by --db / KENSHIN_DB, runs `fn`, and always closes it. */
export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(resolveDbPath(globalOpts(cmd).db));
  try {
    return await fn(store);
  } finally {
    closeStore(store);
  }
}
