#!/usr/bin/env node
/*
 * Builds the plain-Node programs into out/node/: the `casefolio` command, the loopback bridge and the
 * launcher behind `npm start` (with the install check it runs). Like the Electron main build
 * (electron.vite.config.ts), dependencies stay external and load from node_modules; our own TypeScript is
 * compiled once here instead of on every run. Code splitting lets the CLI load a command's code only when
 * that command runs (its dynamic imports become separate chunks). Run by `npm install` (prepare), by
 * `npm run build`, by `npm start` and before the tests (vitest's global set-up); it takes about a second.
 */
import { build } from 'esbuild';
import { cp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_OUT_DIR = path.join(root, 'out', 'node');

const FILES_BESIDE_MODULES = [['src/core/interchange/citation-js.ts', 'styles']];

export async function buildNodePrograms() {
  // Built over the previous build, then stale files pruned, rather than emptied first: a casefolio
  // already running (a test, a benchmark) keeps finding the chunks it loads on demand.
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/cli/main.ts', bridge: 'src/bridge/main.ts', start: 'src/launcher/start.ts', 'install-check': 'src/launcher/install-check.ts', dist: 'src/launcher/dist.ts' },
    outdir: NODE_OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    chunkNames: 'chunks/[name]-[hash]',
    // External maps, no sourceMappingURL comment: Node would otherwise read and cache each map at start-up.
    sourcemap: 'external',
    logLevel: 'warning',
    metafile: true,
  });
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  // Files the core reads beside its own module (new URL('./x', import.meta.url)) go beside the chunk that holds it.
  for (const [module, folder] of FILES_BESIDE_MODULES) {
    for (const [output, { inputs }] of Object.entries(result.metafile.outputs)) {
      if (!(module in inputs)) continue;
      const target = path.join(root, path.dirname(output), folder);
      await cp(path.join(root, path.dirname(module), folder), target, { recursive: true });
      for (const file of await readdir(target, { recursive: true })) written.add(path.join(target, file));
    }
  }
  const present = await readdir(NODE_OUT_DIR, { recursive: true, withFileTypes: true });
  await Promise.all(
    present.filter((entry) => entry.isFile() && !written.has(path.join(entry.parentPath ?? entry.path, entry.name))).map((entry) => rm(path.join(entry.parentPath ?? entry.path, entry.name))),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildNodePrograms();
}
