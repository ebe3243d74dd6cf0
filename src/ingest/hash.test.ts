// The file hash of an import, computed in a worker: the SHA-256 of the bytes, also when the
// process runs evaluated code as a module (npm run bench does: the worker inherits the flag, and
// a worker written with require failed there with "require is not defined").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sha256File } from './encoding.js';

const FILE = fileURLToPath(new URL('./encoding.ts', import.meta.url));
const expected = createHash('sha256').update(readFileSync(FILE)).digest('hex');

test('sha256File is the SHA-256 of the bytes', async () => {
  assert.equal(await sha256File(FILE), expected);
});

test('sha256File works when evaluated code runs as a module', () => {
  const code = `import(${JSON.stringify(new URL('./encoding.ts', import.meta.url).href)}).then(async (m) => console.log(await m.sha256File(${JSON.stringify(FILE)})))`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), expected);
});
