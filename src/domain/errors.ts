// The one error type of kenshin: a stable code, the user's words in Japanese and English, and
// the exit code the command line ends with. The CLI prints it without a stack trace, the
// server answers it as { code, message, message_ja }; the stack goes to the log only.

/** Exit codes of the command line (docs/operations.md, `kenshin --help`). */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** The command cannot run as given: a flag, a file, a folder, the settings. Fix and rerun. */
  input: 1,
  /** Import: invalid rows, nothing stored. */
  invalid_rows: 2,
  /** Daily job: some inbox file failed (it is in inbox/failed/ with its reasons). */
  inbox_failed: 3,
  /** The database is in use by another process (the dashboard, another command). */
  busy: 4,
  /** The machine refused: disk full, out of memory, read-only file system, no permission. */
  resources: 5,
  /** The database file is damaged. Restore the last backup (kenshin restore). */
  damaged: 6,
  /** Daily job: an alert could not be sent by e-mail (it stays in the outbox and is retried). */
  alert_email_failed: 10,
  /** Daily job: an alert could not be posted to the webhook (retried likewise). */
  alert_webhook_failed: 11,
  /** Daily job: neither the e-mail nor the webhook got through. */
  alert_both_failed: 12,
  /** `daily --all`: the run of one or more businesses failed (the others ran). */
  business_failed: 13,
  /** A bug: an unexpected error. The log has the details. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One line per exit code, for `kenshin --help` and the docs. */
export const EXIT_HELP: readonly [ExitCode, string][] = [
  [EXIT.ok, '完了 / done'],
  [EXIT.input, '指定・ファイル・設定の誤り / a flag, file, folder or setting cannot be used'],
  [EXIT.invalid_rows, '不正な行があり何も保存していない / import: invalid rows, nothing stored'],
  [EXIT.inbox_failed, '日次: 取り込めないファイルあり / daily: an inbox file failed'],
  [EXIT.busy, 'データベース使用中 / the database is in use (dashboard or another command)'],
  [EXIT.resources, 'ディスク・メモリ・権限 / disk full, out of memory, read-only, permission'],
  [EXIT.damaged, 'データベース破損 / the database file is damaged (restore a backup)'],
  [
    EXIT.alert_email_failed,
    '日次: 通知メールを送れない（再送待ち） / daily: the alert e-mail failed (will retry)',
  ],
  [
    EXIT.alert_webhook_failed,
    '日次: Webhook に送れない（再送待ち） / daily: the alert webhook failed (will retry)',
  ],
  [EXIT.alert_both_failed, '日次: メールも Webhook も送れない / daily: both alert channels failed'],
  [
    EXIT.business_failed,
    '日次(全事業): 一部の事業が失敗（他は実行済み） / daily --all: some businesses failed (the others ran)',
  ],
  [EXIT.internal, '想定外のエラー（ログ参照） / unexpected error (see the log)'],
];

/** An error meant for the user: stable code, Japanese and English words, exit code. */
export class KenshinError extends Error {
  readonly en: string;
  readonly ja: string;
  readonly exitCode: ExitCode;
  /** Machine-readable particulars (the fields of invalid settings, a PID, a path). */
  readonly details?: unknown;

  constructor(
    readonly code: string,
    words: { ja: string; en: string },
    exitCode: ExitCode = EXIT.input,
    opts: { cause?: unknown; details?: unknown } = {},
  ) {
    super(
      `${words.ja} / ${words.en}`,
      opts.cause === undefined ? undefined : { cause: opts.cause },
    );
    this.name = 'KenshinError';
    this.en = words.en;
    this.ja = words.ja;
    this.exitCode = exitCode;
    this.details = opts.details;
  }
}

/** Returns the Japanese and English halves of a message written "日本語 / English". */
export function splitWords(message: string): { ja: string; en: string } {
  const at = message.indexOf(' / ');
  return at < 0
    ? { ja: message, en: message }
    : { ja: message.slice(0, at), en: message.slice(at + 3) };
}
