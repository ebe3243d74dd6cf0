// Rewrites the presets table of docs/import-formats.md from the presets' `doc` fields.
import { readFileSync, writeFileSync } from 'node:fs';
import { withPresetTable } from '../src/ingest/presets/doc-table.js';

const path = new URL('../docs/import-formats.md', import.meta.url);
writeFileSync(path, withPresetTable(readFileSync(path, 'utf8')));
console.log('docs/import-formats.md: presets table written');
