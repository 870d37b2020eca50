// Lint rules: the folder boundaries of docs/STYLE.md §1 (where code runs decides what it may import) and the
// layers inside src/core of ARCHITECTURE.md (nothing imports a layer above its own). tests/lint/boundaries.test.ts
// checks that each rule bites.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'worker_threads', 'util'];
const groups = (patterns, message) => patterns.map((group) => ({ group: [group], message }));
const restrictAll = (...lists) => ({ 'no-restricted-imports': ['error', { patterns: lists.flat() }] });
const restrict = (patterns, message) => restrictAll(groups(patterns, message));

// Core, CLI and bridge run in plain Node; core also never reaches out to the edges that use it.
const plainNode = groups(['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**'], 'Core, CLI and bridge run in plain Node: never Electron, never the renderer.');
const coreIsNotAnEdge = groups(['**/cli/**', '**/bridge/**'], 'src/core is used by the CLI and the bridge, never the other way round.');

/*
 * The layers of src/core, bottom to top (ARCHITECTURE.md, "The layers"). An import path is matched as written
 * (relative), so each rule names a layer's folders or files as they appear after the leading ./ or ../ chain.
 * A layer may import any layer below it and its own; features may use each other (the cycle check keeps that
 * acyclic).
 */
const FORMAT_FILES = 'html-text|email|extracted-text|pdf-worker|pdf-worker-host|inflate-limits|lzw'; // evidence/ files that only read file formats
const above = (alternatives) => `^(\\./|(\\.\\./)+)(${alternatives})$`;
const layer = (name, regexes) => regexes.map((regex) => ({ regex, message: `The ${name} layer of src/core may not import a layer above it (ARCHITECTURE.md, "The layers").` }));
const sessionLayer = ['library-session', 'first-run', 'check', 'repair', 'sample(/.*)?'];
const handlerLayer = ['handlers'];
const featureFolders = ['search(/.*)?', 'sync(/.*)?', 'interchange(/.*)?', 'dossier(/.*)?', 'archive(/.*)?', 'links(/.*)?', 'site(/.*)?', `evidence/(?!(${FORMAT_FILES})$).*`];
const serviceLayer = ['services(/.*)?'];
const coreLayers = [
  { name: 'storage', files: ['src/core/storage/**/*.ts', 'src/core/case-library.ts', 'src/core/same-data.ts', 'src/core/paths.ts', 'src/core/shell.ts', 'src/core/app-install.ts'], forbid: [...sessionLayer, ...handlerLayer, ...featureFolders, ...serviceLayer, `evidence/(${FORMAT_FILES})`] },
  // Formats live beside the evidence features they serve; from inside evidence/ a sibling is './name'.
  { name: 'formats', files: ['src/core/evidence/{html-text,email,extracted-text,pdf-worker,pdf-worker-host,inflate-limits,lzw}.ts'], forbid: [...sessionLayer, ...handlerLayer, ...featureFolders, ...serviceLayer], siblingsOnly: true },
  { name: 'services', files: ['src/core/services/**/*.ts', 'src/core/lock-status.ts'], forbid: [...sessionLayer, ...handlerLayer, ...featureFolders] },
  { name: 'features', files: ['src/core/{evidence,search,interchange,dossier,archive,links,site,sync}/**/*.ts'], ignores: ['src/core/evidence/{html-text,email,extracted-text,pdf-worker,pdf-worker-host,inflate-limits,lzw}.ts'], forbid: [...sessionLayer, ...handlerLayer] },
  { name: 'handlers', files: ['src/core/handlers.ts'], forbid: sessionLayer },
];
const coreLayerRules = coreLayers.map(({ name, files, ignores, forbid, siblingsOnly }) => ({
  files,
  ...(ignores ? { ignores } : {}),
  rules: restrictAll(plainNode, coreIsNotAnEdge, layer(name, [above(forbid.join('|')), ...(siblingsOnly ? [`^\\./(?!(${FORMAT_FILES})$)`] : [])])),
}));

// The edges open a library only through core/library-session.ts, so the journal, the lock and the index are never left out.
const oneWayToOpen = [
  { group: ['**/core/case-library', '**/core/handlers', '**/core/search/search-service', '**/core/evidence/journal'], message: 'Open a library with openLibrary() from core/library-session.ts: it attaches the journal, the index and the handlers.' },
  { group: ['**/core/storage/library-store'], importNames: ['LibraryStore'], message: 'Open a library with openLibrary() from core/library-session.ts, never the store itself.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', '.tsbuild/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: restrict([...node, 'electron', 'electron/*', '**/core/**', '**/main/**', '**/renderer/**', '**/preload/**', 'lowdb', 'react'], 'src/shared runs anywhere: pure TypeScript and zod only.'),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: restrictAll(plainNode, coreIsNotAnEdge),
  },
  ...coreLayerRules,
  {
    files: ['src/cli/**/*.ts', 'src/bridge/**/*.ts', 'src/launcher/**/*.ts'],
    rules: restrictAll(plainNode, oneWayToOpen),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: restrictAll(groups(['**/renderer/**', '**/preload/**', '**/cli/**', '**/bridge/**'], 'The main process wires core to Electron: never the renderer, the preload, the CLI or the bridge.'), oneWayToOpen),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict([...node, 'electron', 'electron/*', '**/core/**', '**/main/**', '**/preload/**', '**/cli/**', '**/bridge/**'], 'The renderer runs in the window: shared/ and browser libraries only.'),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict(['**/core/**', '**/main/**', '**/renderer/**', ...node], 'The sandboxed preload may use only shared/ and electron.'),
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js', 'eslint.config.js', 'bench/**/*.{ts,js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
