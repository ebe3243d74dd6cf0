// What the engine and the file system say, in the user's words: a DuckDB or Node error becomes a
// KenshinError with a stable code, Japanese and English text, and an exit code. Unknown errors
// stay unknown (null), so the caller reports them as internal and logs the stack.
import { EXIT, KenshinError } from '../domain/errors.js';

/** Where the error happened, for the message (the database file, the file being read). */
export interface ErrorContext {
  dbPath?: string;
}

/** Returns the error as a KenshinError when it is one we know (engine, file system), else null. */
export function classifyError(err: unknown, ctx: ErrorContext = {}): KenshinError | null {
  if (err instanceof KenshinError) return err;
  if (!(err instanceof Error)) return null;
  return fromDuckDb(err, ctx) ?? fromSystem(err);
}

const db = (ctx: ErrorContext) => ctx.dbPath ?? 'kenshin.duckdb';

/** Returns the cause of a DuckDB error message as a KenshinError, or null. */
function fromDuckDb(err: Error, ctx: ErrorContext): KenshinError | null {
  const m = err.message;
  const lock =
    /Could not set lock on file "([^"]+)": Conflicting lock is held in (.*?) \(PID (\d+)\)/.exec(m);
  if (lock)
    return new KenshinError(
      'db_locked',
      {
        ja: `データベース「${lock[1]}」は別のプロセス（PID ${lock[3]}）が使用中です。そのプロセスの終了を待つか止めてから、もう一度実行してください`,
        en: `the database "${lock[1]}" is in use by another process (PID ${lock[3]}); wait for it to finish or stop it, then run the command again`,
      },
      EXIT.busy,
      { cause: err, details: { path: lock[1], pid: Number(lock[3]) } },
    );
  if (/No space left on device|disk is full|ENOSPC/i.test(m))
    return diskFull(err, pathIn(m) ?? db(ctx), 'database');
  if (/^Out of Memory Error/i.test(m) || /failed to (allocate|offload) data block/i.test(m))
    return outOfMemory(err);
  if (/Read-only file system|EROFS/i.test(m))
    return new KenshinError(
      'db_read_only',
      {
        ja: `データベース「${pathIn(m) ?? db(ctx)}」のある場所は読み取り専用です。書き込める場所に置いてください`,
        en: `the database "${pathIn(m) ?? db(ctx)}" is on a read-only file system; put it where it can be written`,
      },
      EXIT.resources,
      { cause: err },
    );
  if (/attached in read-only mode|read-only mode/i.test(m))
    return new KenshinError(
      'db_read_only',
      {
        ja: 'データベースは読み取り専用で開かれています。変更はできません',
        en: 'the database is open read-only; nothing can be changed',
      },
      EXIT.resources,
      { cause: err },
    );
  if (/Cannot open (database )?file.*Permission denied|Permission denied/i.test(m))
    return new KenshinError(
      'db_permission',
      {
        ja: `データベース「${pathIn(m) ?? db(ctx)}」を開く権限がありません。ファイルとフォルダの所有者と権限を確認してください`,
        en: `no permission to open the database "${pathIn(m) ?? db(ctx)}"; check the owner and mode of the file and its folder`,
      },
      EXIT.resources,
      { cause: err },
    );
  if (/Cannot open (database )?file.*No such file or directory/i.test(m))
    return new KenshinError(
      'db_folder_missing',
      {
        ja: `データベース「${pathIn(m) ?? db(ctx)}」のフォルダがありません。フォルダを作るか、--db で別の場所を指定してください`,
        en: `the folder of the database "${pathIn(m) ?? db(ctx)}" does not exist; create it or give --db another path`,
      },
      EXIT.input,
      { cause: err },
    );
  if (
    /Corrupt database file|checksum .* does not match|not a valid DuckDB database|Could not read enough bytes|INTERNAL Error|Serialization Error|Failed to load metadata/i.test(
      m,
    )
  )
    return new KenshinError(
      'db_corrupt',
      {
        ja: `データベース「${db(ctx)}」が壊れています（${firstLine(m)}）。最新のバックアップから戻してください（kenshin restore）`,
        en: `the database "${db(ctx)}" is damaged (${firstLine(m)}); restore the last backup (kenshin restore)`,
      },
      EXIT.damaged,
      { cause: err },
    );
  return null;
}

/** Returns the cause of a Node system error (ENOENT, EISDIR, EACCES, ENOSPC …), or null. */
function fromSystem(err: Error): KenshinError | null {
  const e = err as NodeJS.ErrnoException;
  const path = e.path ?? '';
  switch (e.code) {
    case 'ENOENT':
      return new KenshinError(
        'file_missing',
        {
          ja: `ファイルまたはフォルダがありません: ${path}`,
          en: `no such file or folder: ${path}`,
        },
        EXIT.input,
        { cause: err },
      );
    case 'EISDIR':
      return new KenshinError(
        'file_is_directory',
        {
          ja: `「${path}」はフォルダです。ファイルを指定してください`,
          en: `"${path}" is a folder; name a file`,
        },
        EXIT.input,
        { cause: err },
      );
    case 'ENOTDIR':
      return new KenshinError(
        'not_a_directory',
        {
          ja: `「${path}」の途中にフォルダでないものがあります`,
          en: `part of "${path}" is not a folder`,
        },
        EXIT.input,
        { cause: err },
      );
    case 'EACCES':
    case 'EPERM':
      return new KenshinError(
        'permission_denied',
        {
          ja: `「${path}」にアクセスする権限がありません。所有者と権限を確認してください`,
          en: `permission denied: "${path}"; check its owner and mode`,
        },
        EXIT.resources,
        { cause: err },
      );
    case 'ENOSPC':
      return diskFull(err, path, 'file');
    case 'EROFS':
      return new KenshinError(
        'read_only_file_system',
        {
          ja: `「${path}」は読み取り専用の場所です`,
          en: `"${path}" is on a read-only file system`,
        },
        EXIT.resources,
        { cause: err },
      );
    default:
      return null;
  }
}

/** Returns the disk-full error naming the file that could not be written. */
function diskFull(err: Error, path: string, what: 'database' | 'file'): KenshinError {
  const kept =
    what === 'database'
      ? { ja: 'データベースは変更していません', en: 'the database was not changed' }
      : { ja: 'ファイルは書かれていません', en: 'the file was not written' };
  return new KenshinError(
    'disk_full',
    {
      ja: `ディスクがいっぱいで「${path}」に書き込めませんでした（${kept.ja}）。空きを作ってから、もう一度実行してください`,
      en: `the disk is full: could not write "${path}" (${kept.en}). Free some space and run the command again`,
    },
    EXIT.resources,
    { cause: err },
  );
}

/** Returns the out-of-memory error with what to change. */
function outOfMemory(err: Error): KenshinError {
  return new KenshinError(
    'out_of_memory',
    {
      ja:
        'メモリの上限に達しました（何も保存していません）。設定 memory.limit を上げるか（kenshin settings set memory.limit=4GiB）、' +
        'memory.temp_directory に空きのあるディスクを指定してください',
      en:
        'the memory limit was reached (nothing was stored); raise the memory.limit setting ' +
        '(kenshin settings set memory.limit=4GiB) or point memory.temp_directory at a disk with free space',
    },
    EXIT.resources,
    { cause: err },
  );
}

/** Returns the first quoted path in an engine message, or null. */
function pathIn(message: string): string | null {
  return /"([^"]+)"/.exec(message)?.[1] ?? null;
}

/** Returns the first line of a message, without the engine's error class prefix. */
function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 200);
}
