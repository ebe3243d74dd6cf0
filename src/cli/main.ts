// The `kenshin` command line: one file per command under src/cli/, each exporting register(),
// listed in commands.ts. Only the command being run is loaded, with its modules (DuckDB,
// exceljs, fastify, echarts …); the others are registered by name and description only, so
// `kenshin --help` and light commands start fast.
import { Command } from 'commander';
import { exitCodesHelp, reportError } from './errors.js';
import { COMMANDS, commandName } from './commands.js';

const program = new Command();
program
  .name('kenshin')
  .description('顧客健診 — customer health checkup')
  .option('--db <path>', 'database file (default: $KENSHIN_DB or ./kenshin.duckdb)')
  .option('--business <name>', 'one business of the workspace (its file businesses/NAME.duckdb)')
  .option(
    '--workspace <dir>',
    "workspace folder (default: $KENSHIN_WORKSPACE or the database's folder)",
  )
  .addHelpText('after', exitCodesHelp());

const wanted = commandName(process.argv.slice(2));
for (const [name, description, load] of COMMANDS) {
  if (name === wanted) (await load())(program);
  else program.command(name).description(description);
}

program.parseAsync(process.argv).catch((err: unknown) => {
  process.exit(reportError(err));
});
