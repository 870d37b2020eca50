/*
 * No import cycles anywhere in src (ARCHITECTURE.md, "The rules"): a cycle means two modules can only be
 * understood, tested and moved together. madge reads the imports the way the TypeScript compiler resolves them.
 */
import path from 'node:path';
import madge from 'madge';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('the import graph of src', () => {
  it('has no cycles, and every TypeScript import was followed', async () => {
    const graph = await madge(path.join(root, 'src'), { fileExtensions: ['ts', 'tsx'], tsConfig: path.join(root, 'tsconfig.json') });
    expect(graph.circular()).toEqual([]);
    // Only stylesheets and Vite's asset URLs (`…?url`, a file served as it is) are left unread: a skipped .ts
    // file would hide its imports from the check.
    expect(graph.warnings().skipped.filter((file) => !file.endsWith('.css') && !file.endsWith('?url'))).toEqual([]);
  });

  it('would report a cycle (the check is live)', async () => {
    const graph = await madge(path.join(root, 'tests/fixtures/cycle'), { fileExtensions: ['ts'], tsConfig: path.join(root, 'tsconfig.json') });
    expect(graph.circular()).toEqual([['a.ts', 'b.ts']]);
  });
});
