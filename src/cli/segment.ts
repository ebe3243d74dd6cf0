// `kenshin segment list|show|save|delete|export`: live segments (SPEC §5). Thin: parses the
// arguments, calls store/segments.ts and outputs/csv-export.ts, prints.
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { checkOutputFile, cliActor, UserError, withStore } from './common.js';
import { isIsoDate } from '../domain/dates.js';
import { cutSetLabel, parseWhere, type ExportLang } from '../domain/segments.js';
import { loadSettings } from '../store/settings-store.js';
import type { Store } from '../store/db.js';
import type { MetricContext } from '../store/metrics/context.js';
import { cutSetInfo, rfmCutSet } from '../store/metrics/rfm-cuts.js';
import {
  SegmentFailure,
  deleteSegment,
  exportSegment,
  listSegments,
  saveSegment,
  showSegment,
} from '../store/segments.js';
import { CSV_ENCODINGS, CsvFileWriter, type CsvEncoding } from '../outputs/csv-export.js';

const collect = (v: string, prev: string[]) => [...prev, v];

/** Returns today's date 'YYYY-MM-DD' in `timezone` (the business's calendar, not the host's). */
function today(timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Returns the metric context for --as-of (default: today in the business's timezone). */
async function context(store: Store, asOf: string | undefined): Promise<MetricContext> {
  const settings = await loadSettings(store.conn);
  const d = asOf ?? today(settings.timezone);
  if (!isIsoDate(d))
    throw new UserError(
      'bad_date',
      `--as-of は YYYY-MM-DD で指定してください / --as-of must be YYYY-MM-DD: ${d}`,
    );
  return { conn: store.conn, asOf: d, settings };
}

function lang(v: string): ExportLang {
  if (v !== 'ja' && v !== 'en')
    throw new UserError('bad_lang', `--lang は ja か en です / --lang must be ja or en: ${v}`);
  return v;
}

/** Runs `fn`, turning segment failures into user errors (ja / en). */
async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof SegmentFailure)
      throw new UserError(err.error.code, `${err.error.message_ja} / ${err.error.message_en}`);
    throw err;
  }
}

const actor = cliActor;

const yen = (n: number) => Math.round(n).toLocaleString('ja-JP');

/** Registers the segment command and its subcommands. */
export function registerSegment(program: Command): void {
  const seg = program
    .command('segment')
    .description('live segments: list, show, save, delete, export / セグメント');

  seg
    .command('list')
    .description('every segment with its live count / セグメント一覧と現在の人数')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today)')
    .option('--lang <lang>', 'ja or en', 'ja')
    .option('--json', 'print JSON')
    .action(async (opts: { asOf?: string; lang: string; json?: boolean }, cmd: Command) => {
      const l = lang(opts.lang);
      await withStore(cmd, (store) =>
        guarded(async () => {
          const ctx = await context(store, opts.asOf);
          const cutSet = await rfmCutSet(ctx);
          const list = await listSegments(ctx, cutSet);
          const rfm_cut_set = cutSetInfo(cutSet);
          if (opts.json)
            return void process.stdout.write(
              JSON.stringify({ as_of: ctx.asOf, rfm_cut_set, segments: list }, null, 2) + '\n',
            );
          const width = Math.max(...list.map((s) => s.name.length));
          process.stdout.write(`as of ${ctx.asOf} (RFM: ${cutSetLabel(rfm_cut_set, l)})\n`);
          for (const s of list) {
            const desc = l === 'ja' ? s.description_ja : s.description_en;
            // A segment on customer value the date lacks says why instead of a count of 0.
            const why = s.unavailable
              ? `\n${' '.repeat(11 + width)}  ${l === 'ja' ? s.unavailable.message_ja : s.unavailable.message_en}`
              : '';
            process.stdout.write(
              `${(s.count === null ? '-' : String(s.count)).padStart(9)}  ${s.name.padEnd(width)}  ${desc}${why}\n`,
            );
          }
        }),
      );
    });

  seg
    .command('show <name>')
    .description('a segment: definition, live count, revenue, examples / セグメントの詳細')
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { asOf?: string; json?: boolean }, cmd: Command) => {
      await withStore(cmd, (store) =>
        guarded(async () => {
          const d = await showSegment(await context(store, opts.asOf), name);
          if (opts.json) return void process.stdout.write(JSON.stringify(d, null, 2) + '\n');
          const s = d.segment;
          process.stdout.write(
            [
              `${s.name} (${s.kind})`,
              `  ${s.description_ja}`,
              `  ${s.description_en}`,
              `  definition: ${JSON.stringify(s.definition)}`,
              `  as of ${d.as_of}: ${d.count} 人 / people`,
              `  RFM: ${cutSetLabel(d.rfm_cut_set, 'ja')} / ${cutSetLabel(d.rfm_cut_set, 'en')}`,
              `  Σ M: ${yen(d.monetary)}   annual revenue 年間売上: ${yen(d.annual_revenue)}`,
              `  examples: ${d.examples.join(', ') || '-'}`,
            ].join('\n') + '\n',
          );
        }),
      );
    });

  seg
    .command('save <name>')
    .description('save a live segment definition / セグメント定義を保存')
    .requiredOption(
      '--from <segment>',
      'base segment, e.g. rfm:at_risk, ladder:loyal, clv:high_value_at_risk, all (repeatable: union)',
      collect,
      [],
    )
    .option(
      '--where <key=value>',
      'filter: min_r_days, max_r_days, min_f, max_f, min_m, max_m, min_p_alive, max_p_alive, min_expected_365, max_expected_365, min_clv_365, max_clv_365, prefecture, acquisition_channel (repeatable)',
      collect,
      [],
    )
    .option('--description-ja <text>', 'description in Japanese')
    .option('--description-en <text>', 'description in English')
    .action(
      async (
        name: string,
        opts: { from: string[]; where: string[]; descriptionJa?: string; descriptionEn?: string },
        cmd: Command,
      ) => {
        const where = parseWhere(opts.where);
        if (!where.ok)
          throw new UserError(
            where.error.code,
            `${where.error.message_ja} / ${where.error.message_en}`,
          );
        await withStore(cmd, ({ conn }) =>
          guarded(async () => {
            const def = await saveSegment(conn, name, {
              from: opts.from,
              where: where.value,
              description_ja: opts.descriptionJa,
              description_en: opts.descriptionEn,
            });
            process.stdout.write(`保存しました / saved ${name}: ${JSON.stringify(def)}\n`);
          }),
        );
      },
    );

  seg
    .command('delete <name>')
    .description('delete a saved segment / 保存したセグメントを削除')
    .action(async (name: string, _opts: unknown, cmd: Command) => {
      await withStore(cmd, async ({ conn }) => {
        if (!(await deleteSegment(conn, name))) {
          throw new UserError(
            'segment_not_found',
            `保存されたセグメント「${name}」はありません / no saved segment "${name}"`,
          );
        }
        process.stdout.write(`削除しました / deleted ${name}\n`);
      });
    });

  seg
    .command('export <name>')
    .description(
      'evaluate a segment now and write its members as CSV / セグメントを今のデータで評価してCSV出力',
    )
    .option('--csv <path>', 'output file (default: segment-<name>-<date>.csv)')
    .option(
      '--encoding <encoding>',
      'utf8-bom (Excel), sjis (Shift_JIS, CP932) or utf8 (no BOM)',
      'utf8-bom',
    )
    .option('--as-of <date>', 'as-of date YYYY-MM-DD (default: today)')
    .option('--lang <lang>', 'header language: ja or en', 'ja')
    .option('--force', 'replace an existing output file')
    .action(
      async (
        name: string,
        opts: { csv?: string; encoding: string; asOf?: string; lang: string; force?: boolean },
        cmd: Command,
      ) => {
        if (opts.csv) checkOutputFile(opts.csv, { flag: '--csv', force: opts.force });
        const l = lang(opts.lang);
        if (!CSV_ENCODINGS.includes(opts.encoding as CsvEncoding)) {
          throw new UserError(
            'bad_encoding',
            `--encoding は utf8-bom, sjis, utf8 のいずれかです / --encoding must be utf8-bom, sjis or utf8: ${opts.encoding}`,
          );
        }
        await withStore(cmd, (store) =>
          guarded(async () => {
            const ctx = await context(store, opts.asOf);
            const path =
              opts.csv ?? `segment-${name.replace(/[^\p{L}\p{N}_-]+/gu, '_')}-${ctx.asOf}.csv`;
            // The default name is known only now (it carries the as-of date).
            if (!opts.csv) checkOutputFile(path, { flag: '--csv', force: opts.force });
            const sink = await CsvFileWriter.open(path, opts.encoding as CsvEncoding);
            const out = await exportSegment(ctx, name, sink, {
              lang: l,
              actor: actor(),
              file: resolve(path),
              encoding: opts.encoding,
            });
            process.stdout.write(
              `${out.rows} 件を ${path} に書き出しました / wrote ${out.rows} rows to ${path}\n`,
            );
            if (out.replaced > 0) {
              process.stderr.write(
                `警告: Shift_JIS で表せない ${out.replaced} 文字を '?' に置き換えました / warning: ${out.replaced} characters not representable in Shift_JIS were replaced with '?'\n`,
              );
            }
          }),
        );
      },
    );
}
