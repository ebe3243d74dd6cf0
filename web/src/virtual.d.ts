// The report's field catalogue, written into the bundle at build time (web/report-catalogue.ts).
declare module 'virtual:report-catalogue' {
  import type { FieldLabel } from '@report/catalogue.js';
  const catalogue: Record<string, FieldLabel>;
  export default catalogue;
}
