// Lint rules, including the folder boundaries of STYLE.md §1: where code runs decides what it may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const node = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'worker_threads', 'util'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
});

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
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/bridge/**/*.ts'],
    rules: restrict(['electron', 'electron/*', '**/renderer/**', '**/main/**', '**/preload/**'], 'Core, CLI and bridge run in plain Node: never Electron, never the renderer.'),
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
    files: ['bin/**/*.js', 'eslint.config.js', 'bench/**/*.{ts,js,mjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
