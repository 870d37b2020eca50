/*
 * The CSL citation styles Casefolio ships (src/core/interchange/styles) in the Electron build: the main build
 * copies them into `citation-styles/` beside the main bundle (electron.vite.config.ts), which electron-builder
 * packs with out/main/** into app.asar. The core reads them beside its own module by default, a place that does
 * not exist once the main process is bundled: it is told where they are before any citation is formatted.
 */
import path from 'node:path';

/** The folder beside the main bundle that holds the styles (the build's output name; this file imports nothing heavy, as the build config reads it). */
export const CITATION_STYLES_FOLDER = 'citation-styles';

/** Points the core (through its `setCitationStylesDirectory`) at the styles beside the main bundle in `mainDir` (out/main, or inside app.asar). */
export function useShippedCitationStyles(mainDir: string, setDirectory: (dir: string) => void): string {
  const dir = path.join(mainDir, CITATION_STYLES_FOLDER);
  setDirectory(dir);
  return dir;
}
