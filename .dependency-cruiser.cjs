// The floors of src/ (docs/STYLE: data flows one way), checked by `npm test` through
// scripts/test.mjs: an import may go down or sideways, never up.
//
//   report                      the contract: imports only zod
//   domain                      types and pure logic
//   store, ingest, demo         the database (ingest may use the store, not the other way)
//   checkup                     runs the metrics and rules for a date
//   outputs, jobs               workbook, exports, alerts; the daily job (jobs may use outputs)
//   server, cli                 HTTP API and the command line (cli may start the server)
//   web/                        the dashboard: from src/ only the report contract's types, the
//                               types of two pure domain modules the API sends (the findings
//                               history, the simulation), and the shared dictionary src/domain/labels
//
// Tests (*.test.ts) exercise the floors together and are not held to them.
/* global module */
const TEST = '\\.test\\.ts$';
/** Pure domain modules (no I/O, no node types) whose types are API shapes the dashboard reads. */
const WEB_DOMAIN_TYPES = [
  '^src/domain/diagnosis/history\\.ts$',
  '^src/domain/models/simulation\\.ts$',
];

/** A rule forbidding `from` to import any of the folders `above` it. */
function floor(name, from, above) {
  return {
    name,
    severity: 'error',
    comment: `${from} sits below ${above.join(', ')}: it must not import them`,
    from: { path: `^src/${from}/`, pathNot: TEST },
    to: { path: `^src/(${above.join('|')})/` },
  };
}

module.exports = {
  forbidden: [
    {
      name: 'report-imports-only-zod',
      severity: 'error',
      comment: 'src/report is the ground floor: it imports zod and itself, nothing else',
      from: { path: '^src/report/', pathNot: TEST },
      // zod by name wherever node_modules resolves (a linked node_modules resolves outside the tree).
      to: { pathNot: ['^src/report/', '(^|/)node_modules/zod/'] },
    },
    floor('domain-imports-no-floor-above', 'domain', [
      'store',
      'ingest',
      'demo',
      'checkup',
      'outputs',
      'jobs',
      'server',
      'cli',
    ]),
    floor('store-imports-no-floor-above', 'store', [
      'ingest',
      'demo',
      'checkup',
      'outputs',
      'jobs',
      'server',
      'cli',
    ]),
    floor('ingest-imports-no-floor-above', 'ingest', [
      'demo',
      'checkup',
      'outputs',
      'jobs',
      'server',
      'cli',
    ]),
    floor('demo-imports-no-floor-above', 'demo', [
      'store',
      'ingest',
      'checkup',
      'outputs',
      'jobs',
      'server',
      'cli',
    ]),
    floor('checkup-imports-no-floor-above', 'checkup', [
      'demo',
      'outputs',
      'jobs',
      'server',
      'cli',
    ]),
    floor('outputs-imports-no-floor-above', 'outputs', ['jobs', 'server', 'cli']),
    floor('jobs-imports-no-floor-above', 'jobs', ['server', 'cli']),
    floor('server-imports-no-floor-above', 'server', ['cli']),
    {
      name: 'web-imports-only-report-types',
      severity: 'error',
      comment:
        'the dashboard reads only the API; from src/ it may import the report contract and two domain modules, type-only',
      from: { path: '^web/' },
      // src/domain/labels is the shared dictionary of UI words, written to be read by web/ as it is.
      to: { path: '^src/', pathNot: ['^src/report/', '^src/domain/labels/', ...WEB_DOMAIN_TYPES] },
    },
    {
      name: 'web-imports-domain-as-types',
      severity: 'error',
      comment:
        'web/ reads the findings history and simulation shapes from their pure domain modules, type-only',
      from: { path: '^web/' },
      to: { path: WEB_DOMAIN_TYPES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-imports-report-as-types',
      severity: 'error',
      comment:
        'web/ imports src/report for its types only (import type), so no zod code is bundled; format.ts imports nothing and is the one reading of a rate (n, interval, too few to judge)',
      from: { path: '^web/' },
      to: {
        path: '^src/report/',
        pathNot: '^src/report/format\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^web/dist/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.check.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'node', 'default'],
    },
  },
};
