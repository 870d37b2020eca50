/* casefolio dossier --redact: the redacted copy and its log written, what was done said on stdout and in --json. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';
import { ANY_NAME, CIPHER, redactionLibrary } from '../core/dossier/redaction/fixtures';

describe('casefolio dossier --redact', () => {
  it('writes the redacted copy and its log, and says where the log is', { timeout: 300_000 }, async () => {
    const { dir, session, slug } = await redactionLibrary();
    await session.close();
    const out = path.join(await tempDir(), 'press.pdf');
    const run = await casefolio(['dossier', slug, '-o', out, '--redact', '--date', '2026-02-01', '--quiet', '--library', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Redacted: \d+ names replaced, 1 exhibit page rebuilt, 0 to review by hand\./);
    expect(run.stdout).toContain(`${out}.redaction-log.txt`);
    expect(existsSync(`${out}.redaction-log.json`)).toBe(true);
    const json = await casefolio(['dossier', slug, '-o', out, '--redact', '--json', '--quiet', '--library', dir]);
    expect(JSON.parse(json.stdout).redactionLog).toMatchObject({ pagesRebuilt: 1, reviewByHand: 0 });
    const bytes = await readFile(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
    expect(text).toContain(CIPHER);
    expect(text).not.toMatch(ANY_NAME);
  });
});
