/*
 * How the built programs hold pdf-lib (scripts/build-node.js, pdfLibAsEsModule): its ES-module build, whose files
 * and tslib helpers are imported directly, rather than its CommonJS build, which cost a fresh `casefolio dossier` an
 * ES-module view of pdf-lib's exports per importing file and a CommonJS copy of tslib per pdf-lib file.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const chunks = path.resolve(__dirname, '../../out/node/chunks');

describe('pdf-lib in the built programs', () => {
  it('is its ES-module build, with no CommonJS copies of tslib or of pdf-lib’s exports', () => {
    // vitest's global set-up has just run scripts/build-node.js.
    const built = readdirSync(chunks).filter((f) => f.endsWith('.js')).map((f) => readFileSync(path.join(chunks, f), 'utf8'));
    const withPdfLib = built.filter((code) => code.includes('// node_modules/pdf-lib/'));
    expect(withPdfLib.length).toBeGreaterThan(0);
    for (const code of withPdfLib) {
      expect(code).not.toContain('// node_modules/pdf-lib/cjs/');
      expect(code).toContain('// node_modules/pdf-lib/es/');
    }
    for (const code of built) expect(code).not.toMatch(/__toCommonJS\(tslib/);
  });
});
