// `npm run bench [import|checkup|clv|serve|generate …]`: runs each benchmark in its own
// process (so peak memory is its own) and prints the figures with the machine they ran on.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const ALL: Record<string, [string, string]> = {
  import: ['./import.bench.ts', 'benchImport'],
  'import-rakuten': ['./import-rakuten.bench.ts', 'benchImportRakuten'],
  checkup: ['./checkup.bench.ts', 'benchCheckup'],
  clv: ['./clv.bench.ts', 'benchClv'],
  'clv-cli': ['./clv-cli.bench.ts', 'benchClvCli'],
  serve: ['./serve.bench.ts', 'benchServe'],
  generate: ['./generate.bench.ts', 'benchGenerate'],
  memory: ['./memory.bench.ts', 'benchMemory'],
  startup: ['./startup.bench.ts', 'benchStartup'],
  daily: ['./daily.bench.ts', 'benchDaily'],
  'daily-workers': ['./daily-workers.bench.ts', 'benchDailyWorkers'],
  backtest: ['./backtest.bench.ts', 'benchBacktest'],
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : ['import', 'import-rakuten', 'checkup', 'clv', 'serve'];
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
);
for (const name of names) {
  const entry = ALL[name];
  if (!entry) throw new Error(`unknown benchmark ${name}; known: ${Object.keys(ALL).join(', ')}`);
  const [file, fn] = entry;
  const code = `import(${JSON.stringify(new URL(file, import.meta.url).href)}).then(async (m) => {
    const r = await m.${fn}();
    console.log('RESULT ' + JSON.stringify(r));
    console.log('PEAK_RSS_MIB ' + Math.round(process.resourceUsage().maxRSS / 1024));
  })`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const result = /RESULT (.*)/.exec(r.stdout)?.[1];
  const peak = /PEAK_RSS_MIB (\d+)/.exec(r.stdout)?.[1];
  console.log(`\n== ${name} (${seconds} s, peak RSS ${peak ?? '?'} MiB)`);
  if (!result) {
    console.log(r.stdout.slice(-2000), r.stderr.slice(-2000));
    process.exitCode = 1;
    continue;
  }
  for (const [k, v] of Object.entries(JSON.parse(result) as Record<string, unknown>))
    console.log(`  ${k}: ${v}`);
}
