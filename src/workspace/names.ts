// Business names: what `--business NAME` accepts, and where that business's file lives.
import { EXIT, KenshinError, splitWords } from '../domain/errors.js';

/** Returns true when `name` is a business name: lower-case letters, digits, '-' (1–48, not starting with '-'). */
export function isValidBusinessName(name: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,47}$/.test(name);
}

/** Throws a KenshinError unless `name` is a valid business name. */
export function checkBusinessName(name: string): void {
  if (!isValidBusinessName(name))
    throw new KenshinError(
      'bad_business_name',
      splitWords(
        `事業名「${name}」は英小文字・数字・ハイフンで指定してください（例: shop-tokyo） / ` +
          `business name "${name}" must be lower-case letters, digits and '-' (e.g. shop-tokyo)`,
      ),
      EXIT.input,
    );
}

/** The business's DuckDB file, relative to the workspace folder. */
export function businessFile(name: string): string {
  return `businesses/${name}.duckdb`;
}
