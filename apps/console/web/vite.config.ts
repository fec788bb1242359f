import { defineConfig } from 'vite';

// The console's pages, built into apps/console/dist/web and served by the console's server
// (apps/console/src). Vite 8 compiles TSX itself (automatic JSX runtime); no plugin is needed.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // One file per desk would not pay for itself: three desks, one small bundle, cached for good.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // React Query marks its hooks "use client" for server-component bundlers; this is a client bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  oxc: { jsx: { runtime: 'automatic' } },
  // `npx vite --config apps/console/web/vite.config.ts` for page work: the API comes from a
  // running console server (npm run start:all).
  server: { proxy: { '/api': 'http://127.0.0.1:3100' } },
});
