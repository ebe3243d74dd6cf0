// Which catalogue a workspace uses: one setting. KENSHIN_COORDINATOR=postgres://… spreads the
// daily runs over machines through PostgreSQL; unset means the embedded file in the workspace.
import { EXIT, KenshinError, splitWords } from '../domain/errors.js';

export type Mode = { kind: 'embedded' } | { kind: 'coordinated'; url: string };

/** Reads KENSHIN_COORDINATOR; throws on a value that is not a postgres:// URL (never guesses). */
export function coordinatorMode(env: NodeJS.ProcessEnv = process.env): Mode {
  const url = env.KENSHIN_COORDINATOR?.trim();
  if (!url) return { kind: 'embedded' };
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new KenshinError(
      'bad_coordinator',
      splitWords(
        'KENSHIN_COORDINATOR は postgres://… で指定してください / KENSHIN_COORDINATOR must be a postgres:// URL',
      ),
      EXIT.input,
    );
  return { kind: 'coordinated', url };
}
