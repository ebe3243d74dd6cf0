// Password hashing off the database queue. argon2 runs on libuv's thread pool, which DuckDB's
// queries share, and each hash takes tens of megabytes and most of a core for a fraction of a
// second: a flood of sign-ins must neither hold the database gate nor take every pool thread.
// The pool runs at most `concurrency` hashes at once and lets at most `maxWaiting` wait; beyond
// that a sign-in is refused at once (cheaply) instead of queueing CPU work for an attacker.

/** Too many sign-ins are waiting for a hash; the caller answers 429. */
export class HashPoolBusy extends Error {
  constructor() {
    super('password hashing is busy');
  }
}

export class HashPool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly concurrency = 1,
    readonly maxWaiting = 8,
  ) {}

  /** Returns how many hashes are running and waiting. */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.waiting.length };
  }

  /**
   * Returns `fn`'s result, run when a slot is free. `priority` (a sign-in from the machine
   * itself) goes to the front and is never refused; others throw HashPoolBusy when the queue
   * is full.
   */
  async run<T>(fn: () => Promise<T>, opts: { priority?: boolean } = {}): Promise<T> {
    if (this.active >= this.concurrency) {
      if (!opts.priority && this.waiting.length >= this.maxWaiting) throw new HashPoolBusy();
      await new Promise<void>((resolve) =>
        opts.priority ? this.waiting.unshift(resolve) : this.waiting.push(resolve),
      );
    } else this.active++;
    try {
      return await fn();
    } finally {
      // Hand the slot straight to the next in line (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
