/*
 * Three builds, one per process (entries are electron-vite's defaults: src/main/index.ts,
 * src/preload/index.ts, src/renderer/index.html; output in out/):
 *   main      Node ESM (the package is "type": "module"); dependencies stay external and load from node_modules.
 *   preload   CommonJS in one self-contained file: a sandboxed preload is not a Node module, it has `require`
 *             only for a few Electron modules, so nothing may be left to load at run time.
 *   renderer  the browser bundle, shared by the Electron window and the loopback bridge.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {},
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    plugins: [react()],
    build: {
      // Vite's module-preload polyfill is an inline script, which the Content-Security-Policy forbids.
      modulePreload: { polyfill: false },
      chunkSizeWarningLimit: 2000,
    },
  },
});
