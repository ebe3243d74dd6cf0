// Running the CLI from source in a child process, as a user runs `kenshin …` (tests only).
import { spawnSync } from 'node:child_process';

/** Runs `kenshin …args` (src/cli/main.ts under tsx); returns its exit status and output. */
export function kenshin(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { status: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}
