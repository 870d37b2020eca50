/*
 * A tree's core compiled as users get it, for benchmarks that load the engine into their own process.
 *
 * tsx compiles the sources with esbuild's `keepNames`, which wraps every named function and class in a `__name`
 * call (3–4 % of a warm export's profile); neither shipped build has it. The window's build (electron-vite's main:
 * Node ESM, dependencies left external in node_modules) and the CLI's (scripts/build-node.js: esbuild, ESM, Node
 * 20.19) compile our TypeScript once, without it. This bundles `src/core/library-session.ts` of the given tree the
 * same way (esbuild, ESM, node20.19, dependencies external as in the window's build) into that tree's
 * `out/bench-engine/`, where its node_modules resolve, with the citation styles beside it, and returns its
 * `openLibrary`.
 */
import { build } from 'esbuild';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function builtOpenLibrary<Open>(root: string): Promise<Open> {
  const outfile = path.join(root, 'out', 'bench-engine', 'library-session.mjs');
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src', 'core', 'library-session.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    packages: 'external',
    banner: { js: "import { createRequire as __cfCreateRequire } from 'node:module'; const require = __cfCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  // The citation styles the core reads beside its own module, as scripts/build-node.js puts them beside the chunk.
  cpSync(path.join(root, 'src', 'core', 'interchange', 'styles'), path.join(path.dirname(outfile), 'styles'), { recursive: true });
  const mod = (await import(pathToFileURL(outfile).href)) as { openLibrary: Open };
  return mod.openLibrary;
}
