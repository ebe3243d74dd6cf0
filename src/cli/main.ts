// The `kenshin` command line: one file per command under src/cli/, each exporting register().
import { Command } from 'commander';
import { StoreOpenError } from '../store/db.js';
import { UserError } from './common.js';
import { registerImport } from './import.js';
import { registerCheckup } from './checkup.js';
import { registerStart } from './start.js';
import { registerFindings } from './findings.js';
import { registerServe } from './serve.js';
import { registerUser } from './user.js';
import { registerSegment } from './segment.js';
import { register as registerDemoData } from './demo-data.js';
import { registerWorkbook } from './workbook.js';
import { registerDaily } from './daily.js';
import { registerSchedule } from './schedule.js';
import { registerFollowup } from './followup.js';
import { registerSimulate } from './simulate.js';
import { registerClv } from './clv.js';

const program = new Command();
program
  .name('kenshin')
  .description('顧客健診 — customer health checkup')
  .option('--db <path>', 'database file (default: $KENSHIN_DB or ./kenshin.duckdb)');

// Command registrations (keep one line per command file).
registerImport(program);
registerStart(program);
registerCheckup(program);
registerFindings(program);
registerServe(program);
registerUser(program);
registerSegment(program);
registerDemoData(program);
registerWorkbook(program);
registerDaily(program);
registerSchedule(program);
registerFollowup(program);
registerSimulate(program);
registerClv(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof UserError || err instanceof StoreOpenError) {
    process.stderr.write(`kenshin: ${err.message}\n`);
    process.exit(err instanceof UserError ? err.exitCode : 1);
  }
  process.stderr.write(`kenshin: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(70);
});
