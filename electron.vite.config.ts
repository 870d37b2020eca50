/*
 * Three builds, one per process (entries are electron-vite's defaults: src/main/index.ts,
 * src/preload/index.ts, src/renderer/index.html; output in out/):
 *   main      Node ESM (the package is "type": "module"); dependencies stay external and load from node_modules.
 *   preload   CommonJS in one self-contained file: a sandboxed preload is not a Node module, it has `require`
 *             only for a few Electron modules, so nothing may be left to load at run time.
 *   renderer  the browser bundle, shared by the Electron window and the loopback bridge.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { convertCssVariables, DEFAULT_THEME, defaultCssVariablesResolver, mergeMantineTheme } from '@mantine/core';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CITATION_STYLES_FOLDER } from './src/main/citation-styles';
import { theme } from './src/renderer/src/theme';

/**
 * virtual:mantine-theme.css: the theme's CSS variables (those that differ from Mantine's defaults) as a
 * stylesheet. Mantine would otherwise inject them in an inline <style>, which the CSP does not allow.
 */
function mantineStaticTheme(): Plugin {
  const id = 'virtual:mantine-theme.css';
  return {
    name: 'casefolio:mantine-static-theme',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const merged = mergeMantineTheme(DEFAULT_THEME, theme);
      const ours = defaultCssVariablesResolver(merged);
      const defaults = defaultCssVariablesResolver(DEFAULT_THEME);
      const changed = (key: 'variables' | 'light' | 'dark') =>
        Object.fromEntries(Object.entries(ours[key]).filter(([name, value]) => defaults[key][name as keyof (typeof defaults)[typeof key]] !== value));
      return convertCssVariables({ variables: changed('variables'), light: changed('light'), dark: changed('dark') });
    },
  };
}

/**
 * The CSL styles and locale the core formats citations with (src/core/interchange/styles, with their licences'
 * README), emitted beside the main bundle in citation-styles/, where src/main/citation-styles.ts points the core.
 */
function shippedCitationStyles(): Plugin {
  const folder = new URL('./src/core/interchange/styles/', import.meta.url);
  return {
    name: 'casefolio:citation-styles',
    generateBundle() {
      for (const file of readdirSync(folder)) this.emitFile({ type: 'asset', fileName: `${CITATION_STYLES_FOLDER}/${file}`, source: readFileSync(new URL(file, folder)) });
    },
  };
}

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  main: { plugins: [shippedCitationStyles()] },
  preload: {
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    plugins: [react(), mantineStaticTheme()],
    define: { __APP_VERSION__: JSON.stringify(version) },
    build: {
      // Vite's module-preload polyfill is an inline script, which the Content-Security-Policy forbids.
      modulePreload: { polyfill: false },
      minify: true,
      chunkSizeWarningLimit: 4000,
    },
  },
});
