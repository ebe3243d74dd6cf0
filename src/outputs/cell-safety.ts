// Formula injection (CSV injection, OWASP): a spreadsheet reads a cell that begins with
// = + - @, a tab or a carriage return as a formula, so a customer named
// `=HYPERLINK("http://…","click")` becomes a live link, or worse, in the Excel of whoever opens
// the export. Such text gets a single quote in front, as OWASP advises: every CSV field
// (csv-export.ts: the segment, follow-up and dashboard exports) and every string of the report
// a workbook is written from (`neutraliseStrings`; the workbook's own labels stay as written).
// Numbers are never touched, nor is text that is exactly a number ("-1200", "+81"), nor a lone
// sign ("-" as a placeholder): a negative amount stays a number.

/** The characters a spreadsheet may read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain decimal number, optionally signed, with an exponent or thousands separators. */
const NUMBER_TEXT = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?$/;

/** Returns true when `text` would be read by a spreadsheet as a formula. */
export function isFormulaLike(text: string): boolean {
  return (
    text.length > 1 && FORMULA_START.test(text) && !(/\d/.test(text) && NUMBER_TEXT.test(text))
  );
}

/** Returns `text` with a leading single quote when it would start a formula, else unchanged. */
export function neutraliseText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

/**
 * Returns a deep copy of `value` with every formula-like string neutralised (numbers, number
 * text and other strings unchanged). The workbook passes its report through this, so text from
 * the shop's files is safe in every sheet while the workbook's own labels stay as written.
 */
export function neutraliseStrings<T>(value: T): T {
  if (typeof value === 'string') return neutraliseText(value) as T;
  if (Array.isArray(value)) return value.map((v) => neutraliseStrings(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = neutraliseStrings(v);
    return out as T;
  }
  return value;
}
