#!/usr/bin/env node
/*
 * Builds the plain-Node programs into out/node/: the `casefolio` command, the loopback bridge and the
 * launcher behind `npm start` (with the install check it runs). Our own TypeScript is compiled once here instead
 * of on every run. Code splitting lets the CLI load a command's code only when that command runs (its dynamic
 * imports become separate chunks). Run by `npm install` (prepare), by `npm run build`, by `npm start` and before
 * the tests (vitest's global set-up); it takes about a second.
 *
 * Most dependencies stay external and load from node_modules, as in the Electron main build. The pure-JavaScript
 * ones a fresh `casefolio dossier` (or `cases`) loads are bundled in (BUNDLED_PACKAGES, with what they import):
 * pdf-lib alone is 200 files, and Node resolving, reading and compiling each one cost more CPU than its code
 * (bench/README.md, "CLI start-up"). The dossier engine reads and subsets its TrueType fonts itself
 * (src/core/dossier/typesetting/truetype.ts), so fontkit is not part of the programs; pdf-lib's standard-font
 * encodings are made on first use (scripts/lazy-pdf-lib.js).
 */
import { build } from 'esbuild';
import { cp, mkdtemp, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { asciiSource } from './ascii-output.js';
import { lazyStandardFontEncodings } from './lazy-pdf-lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const NODE_OUT_DIR = path.join(root, 'out', 'node');

const FILES_BESIDE_MODULES = [['src/core/interchange/citation-js.ts', 'styles']];

/**
 * Packages bundled into the programs, with the packages they import (except KEPT_EXTERNAL). Packages the core
 * loads with createRequire at run time (citation-js, pdfjs-dist's worker...) are outside esbuild's view
 * and stay in node_modules whatever this says.
 */
const BUNDLED_PACKAGES = new Set([
  'pdf-lib',
  'zod',
  'commander',
  'lowdb',
  'markdown-it',
  'htmlparser2',
  'iconv-lite',
  'd3-scale',
  'd3-time',
]);
/**
 * Never bundled, even when a bundled package imports them: they find files of their own on disk at run time
 * (sync-fetch starts a worker script by path) or are only needed for work the CLI never asks of them (fetching
 * a citation's URL), so bundling would break them or add weight for nothing.
 */
const KEPT_EXTERNAL = new Set(['sync-fetch', 'node-fetch']);

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** esbuild: bare imports stay external unless their package is bundled, or imported from a bundled package. */
export const bundleChosenPackages = {
  name: 'bundle-chosen-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      if (isBuiltin(args.path)) return { path: args.path, external: true };
      const name = packageName(args.path);
      if (KEPT_EXTERNAL.has(name)) return { path: args.path, external: true };
      const fromBundledPackage = args.importer.split(path.sep).includes('node_modules');
      return BUNDLED_PACKAGES.has(name) || fromBundledPackage ? undefined : { path: args.path, external: true };
    });
  },
};

/*
 * How pdf-lib is bundled. Its CommonJS build (what esbuild picks for Node) costs a fresh process twice at start-up:
 * each of our ~17 engine files that imports it gets its own ES-module view of its ~600 exports (a getter defined
 * per name), and each of its ~100 files' `require('tslib')` wraps tslib's ES-module build in a fresh CommonJS copy.
 * Its ES-module build has neither: its files import each other, and tslib's ES module, directly
 * (bench/README.md, "dosscold2"). Its dependencies (@pdf-lib/standard-fonts, pako) are resolved as before.
 */
export const pdfLibAsEsModule = {
  name: 'pdf-lib-as-es-module',
  setup(build) {
    build.onResolve({ filter: /^pdf-lib$/ }, (args) => {
      const commonJs = createRequire(path.join(args.resolveDir, 'noop.js')).resolve('pdf-lib');
      return { path: path.join(path.dirname(path.dirname(commonJs)), 'es', 'index.js') };
    });
  },
};

/*
 * Bundled CommonJS code calls require() (for Node's own modules and for KEPT_EXTERNAL); an ES module has none, so
 * every output file gets one made for it.
 */
const REQUIRE_BANNER = "import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);";

/*
 * The case-file schema's fingerprint (src/core/storage/case-schema-fingerprint.ts), computed here once rather than
 * at every library open: its module is bundled on its own, run, and its value passed to the programs' build as a
 * constant. Same function, same schema, so the same value the window's build computes at run time.
 */
export async function caseSchemaFingerprintNow() {
  const bundled = await build({
    absWorkingDir: root,
    entryPoints: ['src/core/storage/case-schema-fingerprint.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    write: false,
    logLevel: 'warning',
  });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casefolio-fingerprint-'));
  try {
    const file = path.join(dir, 'fingerprint.mjs');
    await writeFile(file, bundled.outputFiles[0].contents);
    const { fingerprintOfCaseSchema } = await import(pathToFileURL(file).href);
    return fingerprintOfCaseSchema();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

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
    plugins: [pdfLibAsEsModule, bundleChosenPackages, lazyStandardFontEncodings],
    banner: { js: REQUIRE_BANNER },
    define: { __CASEFOLIO_CASE_SCHEMA_FINGERPRINT__: JSON.stringify(await caseSchemaFingerprintNow()) },
    chunkNames: 'chunks/[name]-[hash]',
    // External maps, no sourceMappingURL comment: Node would otherwise read and cache each map at start-up.
    sourcemap: 'external',
    logLevel: 'warning',
    metafile: true,
  });
  const written = new Set(Object.keys(result.metafile.outputs).map((file) => path.resolve(root, file)));
  // Each program file made ASCII, so V8 keeps its source one byte a character (scripts/ascii-output.js says why).
  await Promise.all(
    [...written].filter((file) => file.endsWith('.js')).map(async (file) => {
      const source = await readFile(file, 'utf8');
      const { text } = asciiSource(source);
      if (text === source) return;
      // Through a temporary file: a casefolio already running may load this chunk at any moment.
      await writeFile(`${file}.ascii-tmp`, text);
      await rename(`${file}.ascii-tmp`, file);
    }),
  );
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
