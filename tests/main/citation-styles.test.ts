/*
 * The CSL styles in the Electron build (src/main/citation-styles.ts): the main process points the core at the
 * citation-styles/ folder the build emits beside its bundle. Formatting then reads the styles from there, and
 * only from there: a folder without them fails, a folder holding them (as the build copies them) formats.
 */
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { citationStylesDirectory, renderBibliography, setCitationStylesDirectory } from '../../src/core/interchange/citation-js';
import { CITATION_STYLES_FOLDER, useShippedCitationStyles } from '../../src/main/citation-styles';
import { tempDir } from '../helpers/temp-library';

const ITEM = { id: 'r1', type: 'report' as const, title: 'Report of the Independent Inquiry', issued: { 'date-parts': [[2021, 3, 4]] }, publisher: 'HMSO' };

describe('the citation styles of the Electron build', () => {
  it('are read from citation-styles/ beside the main bundle once the main process says so', async () => {
    const bundleDir = await tempDir();
    expect(useShippedCitationStyles(bundleDir, setCitationStylesDirectory)).toBe(path.join(bundleDir, CITATION_STYLES_FOLDER));
    expect(citationStylesDirectory()).toBe(path.join(bundleDir, 'citation-styles'));
    // Not there yet: the core looks in that folder, not in its source tree.
    expect(() => renderBibliography([ITEM], 'oscola', 'text')).toThrow(/ENOENT.*citation-styles/);
    // As the build copies them (electron.vite.config.ts).
    await mkdir(path.join(bundleDir, 'citation-styles'));
    await cp(path.resolve(__dirname, '../../src/core/interchange/styles'), path.join(bundleDir, 'citation-styles'), { recursive: true });
    const [entry] = renderBibliography([ITEM], 'oscola', 'text');
    expect(entry.text).toContain('Report of the Independent Inquiry');
    expect(entry.text).toContain('2021');
  });
});
