/*
 * The case-file schema's fingerprint, which a library's catalogue records (src/core/storage/catalogue.ts): the built
 * CLI has it computed at build time (scripts/build-node.js), the window's build and the tests compute it at run
 * time. Both must agree, or a catalogue written by one would be thrown away by the other; and it must change when
 * the schema does, or a catalogue made under an old schema would be trusted by a new one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CaseFile, CURRENT_SCHEMA_VERSION } from '../../src/shared/domain';
import { builtInCaseSchemaFingerprint, caseSchemaFingerprint, fingerprintOfCaseSchema } from '../../src/core/storage/case-schema-fingerprint';

const cli = path.resolve(__dirname, '../../bin/casefolio.js');
const temp = mkdtempSync(path.join(os.tmpdir(), 'casefolio-fingerprint-test-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the case-file schema fingerprint', () => {
  it('written by the built CLI into a catalogue is the one the sources compute', () => {
    // vitest's global set-up has just run scripts/build-node.js.
    const library = path.join(temp, 'library');
    execFileSync(process.execPath, [cli, 'sample', library], { stdio: 'pipe' });
    const catalogue = JSON.parse(readFileSync(path.join(library, '.cache', 'catalogue.json'), 'utf8')) as { schema: string };
    expect(catalogue.schema).toMatch(/^[0-9a-f]{64}$/);
    expect(catalogue.schema).toBe(fingerprintOfCaseSchema());
    expect(readdirText(path.resolve(__dirname, '../../out/node'))).toContain(`"${catalogue.schema}"`);
  });

  it('is computed at run time where no build put it in', () => {
    expect(builtInCaseSchemaFingerprint()).toBeUndefined();
    expect(caseSchemaFingerprint()).toBe(fingerprintOfCaseSchema(CaseFile, CURRENT_SCHEMA_VERSION));
  });

  it('changes when the schema or its version does', () => {
    const now = fingerprintOfCaseSchema();
    expect(fingerprintOfCaseSchema(CaseFile.extend({ extra: z.string() }))).not.toBe(now);
    expect(fingerprintOfCaseSchema(CaseFile, CURRENT_SCHEMA_VERSION + 1)).not.toBe(now);
    expect(fingerprintOfCaseSchema(CaseFile, CURRENT_SCHEMA_VERSION)).toBe(now);
  });
});

/** Every built JavaScript file's text, joined (the constant sits in whichever chunk holds the catalogue). */
function readdirText(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}
