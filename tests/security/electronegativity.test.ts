/*
 * The Electron configuration check of issue #7: Electronegativity over src/ fails the suite on any HIGH or
 * MEDIUM finding. It reads the TypeScript sources rather than out/: every file parses (the bundled
 * out/main/index.js does not, "Identifier 'require' has already been declared"), and findings point at
 * lines a person edits. The TypeScript parser cannot follow a value through a function call, so the few
 * places where the safe settings come from a tested function carry an `eng-disable` comment naming the
 * check and the test that pins the setting instead.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding, isBlocking, scan } from './electronegativity';

const SRC = path.resolve(import.meta.dirname, '../../src');
const INSECURE_FIXTURE = path.resolve(import.meta.dirname, '../fixtures/electronegativity/insecure-window');

describe('Electronegativity', () => {
  it('finds no HIGH or MEDIUM problem in the app', async () => {
    const result = await scan(SRC);
    const blocking = result.findings.filter(isBlocking);
    const others = result.findings.filter((f) => !isBlocking(f));
    console.info(
      `Electronegativity: ${result.files} files, ${result.checks} checks; ${blocking.length} HIGH/MEDIUM, ${others.length} LOW/INFORMATIONAL` +
        others.map((f) => `\n  ${formatFinding(f)}`).join(''),
    );
    expect(result.files).toBeGreaterThan(50);
    expect(result.parseErrors).toEqual([]);
    expect(blocking.map(formatFinding), 'HIGH/MEDIUM findings').toEqual([]);
  }, 120_000);

  it('reports an insecure window, so the gate cannot pass by analysing nothing', async () => {
    const result = await scan(INSECURE_FIXTURE);
    expect(result.files).toBe(1);
    const blocking = result.findings.filter(isBlocking).map((f) => `${f.id} ${f.severity}`);
    // nodeIntegration: true is not reported on its own: since Electron 20 the sandbox default turns it off.
    expect(blocking).toEqual(expect.arrayContaining([
        'CONTEXT_ISOLATION_JS_CHECK HIGH',
        'WEB_SECURITY_JS_CHECK MEDIUM',
        'SANDBOX_JS_CHECK MEDIUM',
        // the global checks, which the app passes because it sets a CSP and limits navigation
        'CSP_GLOBAL_CHECK MEDIUM',
        'LIMIT_NAVIGATION_GLOBAL_CHECK HIGH',
      ]));
  }, 120_000);
});
