// `kenshin import <entity> FILE`: parse the flags, run importFile, print the summary or the report.
// Exit codes: 0 stored (or a clean dry run); 1 the file or the flags cannot be used (missing
// column, unreadable file, …); 2 invalid rows, nothing stored.
import type { Command } from 'commander';
import { ENCODING_FLAGS } from '../ingest/encoding-names.js';
import { ENTITY_NAMES, isEntityName } from '../ingest/entities.js';
import { ImportError } from '../ingest/errors.js';
import type { ImportRequest, ImportResult } from '../ingest/import.js';
import type { CanonicalStatus } from '../ingest/presets/types.js';
import { barProgress } from '../ingest/progress.js';
import {
  detectionLines,
  dryRunReport,
  errorReport,
  ignoredLine,
  problemReport,
  sourceLine,
  summaryLine,
} from '../ingest/report.js';
import { checkOutputFile, UserError, withStore } from './common.js';

interface ImportFlags {
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  skip?: string;
  map: string[];
  mapping?: string;
  saveMapping?: string;
  dateFormat?: string;
  creditPrefix?: string;
  rejectFile?: string;
  force?: boolean;
  status: string[];
  allowGuests?: boolean;
  channel?: string;
  dryRun?: boolean;
  maxErrors: string;
  json?: boolean;
  progress: boolean;
}

const collect = (value: string, prev: string[]) => [...prev, value];

/** Registers the import command on the program. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description(
      'ファイルを取り込む / import a CSV, TSV, .xlsx or .gz file (see docs/import-formats.md)',
    )
    .argument('<entity>', ENTITY_NAMES.join(' | '))
    .argument('<file>', 'the file to import')
    .option('--encoding <enc>', 'utf8 | sjis | cp932 | eucjp | utf16 (default: detected)')
    .option('--delimiter <char>', "',' | tab | ';' | '|' (default: detected)")
    .option('--sheet <name>', 'worksheet of an .xlsx file (default: the first)')
    .option('--skip <n>', 'lines above the header row (e.g. a report title)')
    .option(
      '--map <header=field>',
      'map a column to a field, repeatable; field "-" ignores the column',
      collect,
      [],
    )
    .option('--mapping <name>', 'reuse a saved mapping')
    .option('--save-mapping <name>', 'save this mapping once the import succeeds')
    .option(
      '--date-format <fmt>',
      "strptime format of dates in another form, e.g. '%m/%d/%Y %H:%M'",
    )
    .option(
      '--credit-prefix <prefix>',
      'order ids starting with this are credit notes (Online Retail: C)',
    )
    .option(
      '--reject-file <path>',
      'store the valid rows; write the invalid ones with a reason column here',
    )
    .option(
      '--status <word=status>',
      'what a status word means: completed | cancelled | returned, repeatable; saved with --save-mapping',
      collect,
      [],
    )
    .option('--allow-guests', 'store a file whose orders are mostly without a customer (guests)')
    .option(
      '--channel <channel>',
      'contacts: the channel of every row (dm, email, line, sms, call, other)',
    )
    .option('--force', 'let --reject-file replace an existing file (never the input)')
    .option('--dry-run', 'show what would be stored and every problem; store nothing')
    .option('--max-errors <n>', 'problems listed in the report', '20')
    .option('--json', 'print the result as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (entity: string, file: string, flags: ImportFlags, cmd: Command) => {
      const req = toRequest(entity, file, flags);
      // A dry run writes no reject file; a real run checks its path before reading anything.
      if (flags.rejectFile && !flags.dryRun)
        checkOutputFile(flags.rejectFile, {
          flag: '--reject-file',
          force: flags.force,
          inputs: [file],
        });
      // Loaded when the command runs, so other commands do not pay for the readers (exceljs, …).
      const { importFile } = await import('../ingest/import.js');
      await withStore(cmd, async (store) => {
        let result;
        try {
          result = await importFile(store.conn, req);
        } catch (err) {
          if (err instanceof ImportError) throw new UserError(err.code, err.message, err.exitCode);
          throw err;
        }
        print(result, flags);
        // 1: the file cannot be stored as it is (mapping problems); 2: invalid rows.
        if (!result.ok)
          process.exitCode = result.problems.some((p) => p.blocking && p.code !== 'unknown_status')
            ? 1
            : 2;
      });
    });
}

function toRequest(entity: string, file: string, flags: ImportFlags): ImportRequest {
  if (!isEntityName(entity))
    throw new UserError(
      'unknown_entity',
      `取り込み対象は ${ENTITY_NAMES.join(', ')} のどれかです / entity must be one of ${ENTITY_NAMES.join(', ')}`,
    );
  const encoding =
    flags.encoding === undefined ? undefined : ENCODING_FLAGS[flags.encoding.toLowerCase()];
  if (flags.encoding !== undefined && !encoding)
    throw new UserError(
      'bad_encoding',
      `--encoding: ${flags.encoding}? (utf8, sjis, cp932, eucjp, utf16)`,
    );
  const map: Record<string, string> = {};
  for (const m of flags.map) {
    const eq = m.lastIndexOf('=');
    if (eq <= 0)
      throw new UserError(
        'bad_map',
        `--map は "見出し=field" の形で指定します / --map takes "header=field": ${m}`,
      );
    map[m.slice(0, eq).trim()] = m.slice(eq + 1).trim();
  }
  const int = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new UserError('bad_number', `${name}: ${v}?`);
    return Number(v);
  };
  const delimiter =
    flags.delimiter === undefined
      ? undefined
      : /^(tab|\\t)$/i.test(flags.delimiter)
        ? '\t'
        : flags.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1)
    throw new UserError('bad_delimiter', `--delimiter: ${flags.delimiter}?`);
  const statusWords: Record<string, CanonicalStatus> = {};
  for (const w of flags.status) {
    const eq = w.lastIndexOf('=');
    const st = w.slice(eq + 1).trim();
    if (eq <= 0 || !['completed', 'cancelled', 'returned'].includes(st))
      throw new UserError(
        'bad_status',
        `--status は "語=completed|cancelled|returned" の形で指定します / --status takes "word=completed|cancelled|returned": ${w}`,
      );
    statusWords[w.slice(0, eq).trim()] = st as CanonicalStatus;
  }
  if (flags.channel !== undefined) {
    if (!['dm', 'email', 'line', 'sms', 'call', 'other'].includes(flags.channel))
      throw new UserError(
        'bad_channel',
        `--channel: ${flags.channel}? (dm, email, line, sms, call, other)`,
      );
    if (entity !== 'contacts')
      throw new UserError(
        'bad_channel',
        '--channel は contacts 用です / --channel is for contacts',
      );
  }
  return {
    entity,
    file,
    statusWords,
    allowGuests: flags.allowGuests,
    channel: flags.channel,
    encoding,
    delimiter,
    sheet: flags.sheet,
    skip: int(flags.skip, '--skip'),
    map,
    mappingName: flags.mapping,
    saveMappingAs: flags.saveMapping,
    dateFormat: flags.dateFormat,
    creditPrefix: flags.creditPrefix,
    rejectFile: flags.rejectFile,
    dryRun: flags.dryRun,
    maxErrors: int(flags.maxErrors, '--max-errors'),
    progress: flags.progress && process.stderr.isTTY && !flags.json ? barProgress() : undefined,
  };
}

function print(result: ImportResult, flags: ImportFlags): void {
  if (flags.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  for (const w of result.warnings) process.stderr.write(`注意 / warning: ${w}\n`);
  if (result.dryRun) {
    process.stdout.write(dryRunReport(result) + '\n');
    return;
  }
  if (!result.ok) {
    process.stderr.write(errorReport(result) + '\n');
    const problems = problemReport(result);
    if (problems) process.stderr.write(problems + '\n');
    return;
  }
  process.stdout.write(summaryLine(result) + '\n');
  process.stdout.write(sourceLine(result) + '\n');
  for (const l of detectionLines(result)) process.stdout.write(l + '\n');
  const problems = problemReport(result);
  if (problems) process.stdout.write(problems + '\n');
  const ignored = ignoredLine(result);
  if (ignored) process.stdout.write(ignored + '\n');
}
