// The presets table of docs/import-formats.md, written from each preset's `doc`: the docs say
// exactly what the code does (presets/docs.test.ts fails when they differ).
import { PRESETS } from './registry.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Returns the markdown table: system, file as exported, detection, amount, key, statuses. */
export function presetTable(): string {
  const rows = PRESETS.map((p) =>
    [
      `${cell(p.doc.system)} (\`${p.id}\`)`,
      p.doc.file,
      p.doc.detected,
      p.doc.amount,
      p.doc.key,
      p.doc.statuses,
    ]
      .map(cell)
      .join(' | '),
  );
  return [
    '| system (preset) | file as exported | detected by | order amount | customer key | statuses |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

/** Returns the docs text with the table between its markers replaced by the current one. */
export function withPresetTable(docs: string): string {
  const start = '<!-- presets:start -->';
  const end = '<!-- presets:end -->';
  const i = docs.indexOf(start);
  const j = docs.indexOf(end);
  if (i < 0 || j < i) throw new Error('docs/import-formats.md has no presets markers');
  return `${docs.slice(0, i + start.length)}\n${presetTable()}\n${docs.slice(j)}`;
}
