// The dashboard's build: React + Vite, output in web/dist (served by `kenshin serve`).
// `npm run build:web` builds it; during development `npx vite --config web/vite.config.ts`
// proxies /api to a running `kenshin serve` on port 8080.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { reportCatalogue } from './report-catalogue.js';

const root = fileURLToPath(new URL('.', import.meta.url));
// The report contract's types (import type from '@report/…'), also named in tsconfig.json paths.
const report = fileURLToPath(new URL('../src/report', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), reportCatalogue()],
  resolve: { alias: { '@report': report } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // ECharts is large and changes rarely: its own long-cached file.
        manualChunks: (id: string) =>
          id.includes('node_modules/echarts') || id.includes('node_modules/zrender')
            ? 'echarts'
            : undefined,
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
