#!/usr/bin/env node
// Builds (type-checks) the project and the dashboard (web/tsconfig.json), checks the import floors (dependency-cruiser), then runs
// every *.test.ts under src/ and test/ with node's own test runner. Node 20's --test has no glob
// support, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
for (const config of ['tsconfig.check.json', 'tsconfig.json', 'web/tsconfig.json']) {
  const tsc = spawnSync('npx', ['tsc', '-p', config], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error(`type check failed (${config})`);
    process.exit(tsc.status ?? 1);
  }
}
// The floors of src/ (.dependency-cruiser.cjs): no import runs back up.
const floors = spawnSync(
  'npx',
  ['depcruise', 'src', 'web/src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  { stdio: 'inherit' },
);
if (floors.status !== 0) {
  console.error('dependency rules failed (.dependency-cruiser.cjs)');
  process.exit(floors.status ?? 1);
}
const files = only.length ? only : [...find('src'), ...find('test')].sort();
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
