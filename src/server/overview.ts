// The overview served by GET /api/overview: its schema and builder are the report contract's
// (src/report/overview.ts), so the dashboard reads the same type the server writes.
export { overviewSchema, toOverview, type Overview } from '../report/index.js';
