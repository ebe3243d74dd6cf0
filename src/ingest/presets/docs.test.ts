// The presets table of docs/import-formats.md is the presets' own `doc` fields: regenerate it with
// `node --import tsx scripts/preset-docs.ts` after changing a preset.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { withPresetTable } from './doc-table.js';
import { PRESETS } from './registry.js';

const DOCS = new URL('../../../docs/import-formats.md', import.meta.url);

test('docs/import-formats.md lists every preset exactly as declared', () => {
  const docs = readFileSync(DOCS, 'utf8');
  assert.equal(docs, withPresetTable(docs), 'run: node --import tsx scripts/preset-docs.ts');
  for (const p of PRESETS) assert.ok(docs.includes(`(\`${p.id}\`)`), p.id);
});

test('preset ids are unique and every preset has a fixture folder with a README', () => {
  const ids = PRESETS.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length);
  const dirs = readdirSync(new URL('./fixtures/', import.meta.url));
  for (const p of PRESETS.filter((x) => x.id !== 'shopify')) {
    // One folder may hold the files of two presets of one system (yahoo-shopping-orders / -items).
    const dir = dirs.find((d) => p.id === d || p.id.startsWith(`${d}-`));
    assert.ok(dir, `${p.id}: no fixtures folder`);
    const readme = new URL(`./fixtures/${dir}/README.md`, import.meta.url);
    assert.ok(readFileSync(readme, 'utf8').length > 200, `${p.id}: fixtures/${dir}/README.md`);
  }
});
