// The errors of reading a stored report: one type with a stable code and the user's words in
// Japanese and English, shaped like KenshinError (src/domain/errors.ts), which the floors above
// turn it into (the CLI's exit code, the API's error body). The codes are listed in
// docs/report.md ("Errors") and checked by report/docs.test.ts.

/** Every code with its words; {name} placeholders are filled from the details. */
export const REPORT_ERRORS = {
  report_not_json: {
    ja: '保存された健診結果を読み取れません(JSONではありません)。健診を実行し直してください',
    en: 'the stored checkup cannot be read (not JSON); run the checkup again',
  },
  report_no_version: {
    ja: '保存された健診結果に版(report_version)がありません。健診を実行し直してください',
    en: 'the stored checkup has no report_version; run the checkup again',
  },
  report_too_new: {
    ja: '保存された健診結果は新しい版({version})の kenshin で作られています。kenshin を更新してください',
    en: 'the stored checkup was made by a newer kenshin (report version {version}); update kenshin',
  },
  report_invalid: {
    ja: '保存された健診結果(版 {version})の形が正しくありません({path})。健診を実行し直してください',
    en: 'the stored checkup (report version {version}) does not have the expected shape ({path}); run the checkup again',
  },
} as const;

export type ReportErrorCode = keyof typeof REPORT_ERRORS;
export const REPORT_ERROR_CODES = Object.keys(REPORT_ERRORS) as ReportErrorCode[];

/** A stored report that cannot be read: stable code, words, and the particulars. */
export class ReportError extends Error {
  readonly ja: string;
  readonly en: string;

  constructor(
    readonly code: ReportErrorCode,
    readonly details: Record<string, string | number> = {},
    opts: { cause?: unknown } = {},
  ) {
    const fill = (s: string) =>
      s.replace(/\{(\w+)\}/g, (_, k: string) => String(details[k] ?? '?'));
    const ja = fill(REPORT_ERRORS[code].ja);
    const en = fill(REPORT_ERRORS[code].en);
    super(`${ja} / ${en}`, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ReportError';
    this.ja = ja;
    this.en = en;
  }
}
