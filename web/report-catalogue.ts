// A Vite plugin serving `virtual:report-catalogue`: the report's field catalogue (src/report,
// fieldCatalogue) evaluated at build time and written into the bundle as plain JSON, so the
// dashboard labels and formats every number from the contract without shipping zod. This file
// runs in Node as part of the build; the dashboard's code (web/src) imports src/report for its
// types only (.dependency-cruiser.cjs).
import type { Plugin } from 'vite';
import { fieldCatalogue } from '../src/report/catalogue.js';

const ID = 'virtual:report-catalogue';
const RESOLVED = '\0' + ID;

/** Returns the plugin that resolves and loads the catalogue module. */
export function reportCatalogue(): Plugin {
  return {
    name: 'kenshin-report-catalogue',
    resolveId: (id) => (id === ID ? RESOLVED : undefined),
    load: (id) =>
      id === RESOLVED ? `export default ${JSON.stringify(fieldCatalogue())};` : undefined,
  };
}
