// Checking passwords in a child process of lower priority (hash-worker-main.ts), started on the
// first sign-in. argon2 takes most of a core and 64 MiB per check; in the server's own process
// its threads would compete with the database queries of signed-in users for the CPU (and for
// libuv's thread pool). If the child cannot be started, the check runs in-process.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  checkPassword,
  generatePassword,
  type PasswordRecord,
  type User,
} from '../../store/users-store.js';

/** Returns the child's entry and the flags to run it (tsx for the TypeScript sources). */
function entry(): { file: string; execArgv: string[] } {
  const here = fileURLToPath(import.meta.url);
  const js = here.replace(/hash-worker\.(ts|js)$/, 'hash-worker-main.js');
  if (existsSync(js)) return { file: js, execArgv: [] };
  return { file: js.replace(/\.js$/, '.ts'), execArgv: ['--import', 'tsx'] };
}

export class HashWorker {
  private child: ChildProcess | null = null;
  private next = 0;
  private readonly pending = new Map<number, (r: { result?: unknown; error?: string }) => void>();
  private dummy: Promise<string> | null = null;
  private broken = false;

  /** Returns the user when `password` matches the record, else null (same work for a missing user). */
  async check(record: PasswordRecord | null, password: string): Promise<User | null> {
    const child = this.start();
    if (child) {
      try {
        const hash =
          record?.hash ??
          (await (this.dummy ??= this.call('hash', generatePassword()) as Promise<string>));
        const ok = (await this.call('verify', password, hash)) === true;
        return ok && record ? record.user : null;
      } catch {
        // The child could not run (it exited): check here from now on.
        this.dummy = null;
        this.broken = true;
      }
    }
    return checkPassword(record, password);
  }

  /** Stops the child. */
  close(): void {
    this.child?.kill();
    this.child = null;
  }

  private start(): ChildProcess | null {
    if (this.broken) return null;
    if (this.child?.connected) return this.child;
    try {
      const { file, execArgv } = entry();
      const child = fork(file, [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      child.on('message', (m: { id: number; result?: unknown; error?: string }) => {
        this.pending.get(m.id)?.(m);
        this.pending.delete(m.id);
        // Idle, the channel must not keep the server's process alive.
        if (!this.pending.size) child.channel?.unref();
      });
      child.on('exit', () => {
        if (this.child === child) this.child = null;
        for (const done of this.pending.values()) done({ error: 'hash worker exited' });
        this.pending.clear();
      });
      // The server's exit must not wait for it.
      child.unref();
      child.channel?.unref();
      this.child = child;
      return child;
    } catch {
      return null;
    }
  }

  private call(op: 'verify' | 'hash', password: string, hash?: string): Promise<unknown> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.result)));
      // While a check is pending, the answer must be waited for.
      this.child!.channel?.ref();
      this.child!.send({ id, op, hash, password });
    });
  }
}
