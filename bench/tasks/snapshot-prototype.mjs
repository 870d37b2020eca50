/*
 * A prototype, for measuring only (bench/README.md, "cold5"): the casefolio command as one CommonJS file whose state
 * after loading (and, with SNAP_TRAIN, after one dossier) is kept in a V8 start-up snapshot. Not part of any build.
 *
 *   node bench/tasks/snapshot-prototype.mjs && node --snapshot-blob out/snap/cli.blob --build-snapshot out/snap/cli.cjs
 *   node --snapshot-blob out/snap/cli.blob -- --library <dir> dossier <case> -o out.pdf
 *
 * SNAP_IMPORTS: modules evaluated before the snapshot is taken (default: the library session and the dossier
 * export, so that their code is in it). SNAP_MAIN_FLAGS: V8 flags the started process sets for a dossier, after the
 * snapshot is read (flags set before it must match the builder's, or Node refuses the blob and exits 14).
 * SNAP_TRAIN: a command line run once in the builder (a training dossier); a blob made so must be started with the
 * flags that dossier set (`--optimize-for-size --heap-growing-percent=20 --semi-space-growth-factor=1`).
 */
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asciiSource } from '../../scripts/ascii-output.js';
import { bundleChosenPackages, caseSchemaFingerprintNow, pdfLibAsEsModule } from '../../scripts/build-node.js';
import { lazyStandardFontEncodings } from '../../scripts/lazy-pdf-lib.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'out', 'snap');
const list = (name, fallback) => (process.env[name] ?? fallback).split(/[ ,]/).filter(Boolean);

await mkdir(dir, { recursive: true });
const entry = path.join(dir, 'entry.ts');
await writeFile(
  entry,
  `import { setFlagsFromString, startupSnapshot } from 'node:v8';
import { run } from '../../src/cli/main';
${list('SNAP_IMPORTS', 'src/core/library-session,src/core/dossier/export').map((m) => `import '../../${m}';`).join('\n')}
const main = async () => {
  if (process.argv.includes('dossier')) for (const flag of ${JSON.stringify(['--semi-space-growth-factor=1', ...list('SNAP_MAIN_FLAGS', '')])}) setFlagsFromString(flag);
  process.exitCode = await run(process.argv.slice(1));
};
${process.env.SNAP_TRAIN ? `run(${JSON.stringify(process.env.SNAP_TRAIN.split(' '))}).then(() => startupSnapshot.setDeserializeMainFunction(main));` : 'startupSnapshot.setDeserializeMainFunction(main);'}
`,
);
await build({
  absWorkingDir: root,
  entryPoints: { cli: entry },
  outdir: dir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  plugins: [pdfLibAsEsModule, bundleChosenPackages, lazyStandardFontEncodings],
  banner: { js: "var __cfImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { __CASEFOLIO_CASE_SCHEMA_FINGERPRINT__: JSON.stringify(await caseSchemaFingerprintNow()), 'import.meta.url': '__cfImportMetaUrl' },
  logLevel: 'warning',
});
const file = path.join(dir, 'cli.cjs');
const text = asciiSource(await readFile(file, 'utf8')).text;
// An Intl object made at load cannot be kept in a snapshot (V8 stops on a check when it writes the blob): the
// people register's collator is made on first use instead.
const EAGER_COLLATOR = 'collator = new Intl.Collator("en-GB", { sensitivity: "base" });';
if (text.split(EAGER_COLLATOR).length !== 2) throw new Error('The people register’s collator was not found once in the bundle.');
await writeFile(file, text.replace(EAGER_COLLATOR, `collator = { compare(a, b) { return (${EAGER_COLLATOR.slice(0, -1)}).compare(a, b); } };`));
console.log(`Wrote ${path.relative(root, file)}; now: node --snapshot-blob out/snap/cli.blob --build-snapshot out/snap/cli.cjs`);
