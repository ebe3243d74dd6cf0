// How a failed command ends: the error in the user's words (Japanese / English) with its stable
// code, the exit code of its kind, and no stack trace. The stack (and the engine's own words)
// go to the log file, which the message names for an unexpected error.
import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EXIT, EXIT_HELP, KenshinError } from '../domain/errors.js';
import { classifyError } from '../store/errors.js';

/** Returns the error log: $KENSHIN_LOG, else ~/.local/state/kenshin/error.log. */
export function errorLogPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.KENSHIN_LOG || join(homedir(), '.local', 'state', 'kenshin', 'error.log');
}

/** Appends the error with its stack and causes to the log; returns the file written, or null. */
function writeLog(err: unknown, argv: string[]): string | null {
  const lines = [`${new Date().toISOString()} kenshin ${argv.join(' ')}`];
  for (let e: unknown = err, depth = 0; e && depth < 5; depth++) {
    lines.push(depth ? `caused by: ${stackOf(e)}` : stackOf(e));
    e = (e as { cause?: unknown }).cause;
  }
  const text = lines.join('\n') + '\n\n';
  for (const file of [errorLogPath(), join(tmpdir(), 'kenshin-error.log')]) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, text, { mode: 0o600 });
      return file;
    } catch {
      // Try the next place.
    }
  }
  return null;
}

const stackOf = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

/** Returns the error the user is told about: known errors as they are, the rest as internal. */
export function userFacing(err: unknown): KenshinError | null {
  return classifyError(err);
}

/** Prints the error for the user, logs its stack, and returns the exit code. */
export function reportError(err: unknown, argv = process.argv.slice(2)): number {
  const known = userFacing(err);
  // A refusal in the user's words needs no log; an engine or system error keeps its stack there.
  const log = !known || known.cause !== undefined ? writeLog(err, argv) : null;
  if (process.env.KENSHIN_DEBUG) process.stderr.write(stackOf(err) + '\n');
  if (known) {
    process.stderr.write(`kenshin: ${known.message} (${known.code})\n`);
    return known.exitCode;
  }
  const first = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
  process.stderr.write(
    `kenshin: 想定外のエラーです / unexpected error: ${first} (internal)\n` +
      `kenshin: 詳細 / details: ${log ?? '(no log written)'}\n`,
  );
  return EXIT.internal;
}

/** The exit codes as `kenshin --help` lists them. */
export function exitCodesHelp(): string {
  return (
    '\n終了コード / exit codes:\n' +
    EXIT_HELP.map(([code, text]) => `  ${String(code).padStart(2)}  ${text}`).join('\n') +
    '\n'
  );
}
