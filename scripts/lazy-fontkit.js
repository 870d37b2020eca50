/*
 * A copy of @pdf-lib/fontkit for the built programs, changed so that loading it costs a third of what it did.
 *
 * fontkit's UMD file decompresses data at load that the dossier engine never uses: the Brotli dictionary (122 KB,
 * needed only to read WOFF2 fonts; we embed TrueType DejaVu) and four Unicode property tries (needed only by
 * `font.layout`'s shaping; the engine maps code points to glyphs itself, see src/core/dossier/typesetting/fonts.ts).
 * That was about 110 ms of CPU in every `casefolio dossier` (profiled: BrotliDecompress and tiny-inflate at the top).
 * The copy builds each of them on first use instead: same code, same results, later.
 *
 * The build writes the copy to out/node/node_modules/@pdf-lib/fontkit/, where Node's resolution finds it first from
 * the built chunks (out/node/chunks/ looks in out/node/node_modules/ before the project's node_modules/), so the
 * engine's `require('@pdf-lib/fontkit')` needs no change and the tests, which run the sources, use the original.
 * Each change must match exactly once: a fontkit that differs (another version) is copied unchanged, with a warning.
 */
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const requireFromHere = createRequire(import.meta.url);

const LAZY_TRIE_HELPER = `
	// casefolio: the tries are inflated on first lookup, not at load.
	function lazyUnicodeTrie(load) {
	  var trie = null;
	  return { get: function (codePoint) { return (trie || (trie = new unicodeTrie(load()))).get(codePoint); } };
	}`;

/** [what to find (a RegExp matching exactly `count` times), its replacement, count] */
const CHANGES = [
  // The Brotli dictionary: decompressed when the decoder first reads it (WOFF2 only).
  [
    /\n\tdictionary\.init\(BrotliDecompressBuffer\);\n/g,
    `\n\tObject.defineProperty(dictionary, 'dictionary', { configurable: true, enumerable: true, get: function () {\n\t  delete dictionary.dictionary;\n\t  dictionary.init(BrotliDecompressBuffer);\n\t  return dictionary.dictionary;\n\t} });\n`,
    1,
  ],
  [/\n\tvar unicodeTrie = UnicodeTrie;\n/g, `\n\tvar unicodeTrie = UnicodeTrie;${LAZY_TRIE_HELPER}\n`, 1],
  // The four tries' compressed data: no longer inflated at load...
  [/\n\tvar trieData(\$\d)? = pako_1\.inflate\(base64Arraybuffer_2\(base64DeflatedTrie(\$\d)?\)\);\n/g, '\n', 4],
  // ...but when a trie is first asked for a code point.
  [
    /\n\tvar trie(\$\d)? = new unicodeTrie\(trieData(\$\d)?\);\n/g,
    (_match, suffix = '') => `\n\tvar trie${suffix} = lazyUnicodeTrie(function () { return pako_1.inflate(base64Arraybuffer_2(base64DeflatedTrie${suffix})); });\n`,
    4,
  ],
];

/** fontkit's source with the changes above, or undefined when any of them does not match as expected. */
export function makeFontkitLazy(source) {
  let text = source;
  for (const [pattern, replacement, count] of CHANGES) {
    const found = text.match(pattern)?.length ?? 0;
    if (found !== count) return undefined;
    text = text.replace(pattern, replacement);
  }
  return text;
}

/** Writes the lazy copy (with fontkit's README, which states its licence) under `outDir`/node_modules; returns the files written. */
export async function writeLazyFontkit(outDir) {
  const packageJson = requireFromHere.resolve('@pdf-lib/fontkit/package.json');
  const packageDir = path.dirname(packageJson);
  const { name, version, main, license } = JSON.parse(await readFile(packageJson, 'utf8'));
  const source = await readFile(path.join(packageDir, main), 'utf8');
  const lazy = makeFontkitLazy(source);
  if (lazy === undefined) {
    console.warn(`build-node: ${name}@${version} is not the fontkit scripts/lazy-fontkit.js knows; the built programs load it unchanged.`);
    return [];
  }
  const target = path.join(outDir, 'node_modules', name);
  await mkdir(path.join(target, path.dirname(main)), { recursive: true });
  const files = [path.join(target, 'package.json'), path.join(target, main), path.join(target, 'README.md')];
  await writeFile(files[0], `${JSON.stringify({ name, version, license, main, description: 'fontkit, its WOFF2 and shaping tables built on first use (casefolio scripts/lazy-fontkit.js)' }, null, 2)}\n`);
  // Whole or not at all: a casefolio already running (a test, a benchmark) may load it while this build runs.
  await writeFile(`${files[1]}.tmp`, lazy);
  await rename(`${files[1]}.tmp`, files[1]);
  await copyFile(path.join(packageDir, 'README.md'), files[2]);
  return files;
}
