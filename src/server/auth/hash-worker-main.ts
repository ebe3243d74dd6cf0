// The password-hashing child process (started by hash-worker.ts). It lowers its own priority
// first, so the threads argon2 runs on (created later, inheriting it) yield the CPU to the
// server's database work: a flood of sign-ins slows only the sign-ins.
import { setPriority } from 'node:os';
import argon2 from 'argon2';

try {
  setPriority(10);
} catch {
  // Not allowed here: hash at normal priority.
}

interface Job {
  id: number;
  op: 'verify' | 'hash';
  hash?: string;
  password: string;
}

process.on('message', (job: Job) => {
  const work =
    job.op === 'verify'
      ? argon2.verify(job.hash!, job.password)
      : argon2.hash(job.password, { type: argon2.argon2id });
  work.then(
    (result) => process.send!({ id: job.id, result }),
    (err: unknown) => process.send!({ id: job.id, error: String((err as Error)?.message ?? err) }),
  );
});
process.on('disconnect', () => process.exit(0));
