/*
 * Doyensec's Electronegativity, run through its programmatic runner rather than its CLI: version 1.10.3's
 * CLI requires `commander` without declaring it and breaks on the newer one we depend on. The runner
 * returns its findings instead of printing them, so the test can fail on them (the CLI always exits 0).
 *
 * It must never need the network. At start it fetches translations (`got`, 1 s time-out, falls back to
 * the bundled English) and one global check fetches Electron's release list; `got` is replaced by a
 * refusal before the runner loads, and that check is excluded (see OFFLINE_EXCLUSIONS).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const TOOL_DIR = path.dirname(createRequire(import.meta.url).resolve('@doyensec/electronegativity/package.json'));
const toolRequire = createRequire(path.join(TOOL_DIR, 'dist/runner.js'));

export const ELECTRON_VERSION = (JSON.parse(readFileSync(createRequire(import.meta.url).resolve('electron/package.json'), 'utf8')) as { version: string }).version;

/**
 * AvailableSecurityFixesGlobalCheck downloads Electron's release list to compare with package.json's
 * version: a network check of dependency freshness, not of the app's configuration. Keeping Electron
 * current is the lockfile's business; offline it could only report "No connectivity?".
 */
const OFFLINE_EXCLUSIONS = ['AvailableSecurityFixesGlobalCheck'];

interface Level {
  name: string;
  value: number;
}
interface RawIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: Level;
  confidence: Level;
  description: string;
  manualReview?: boolean;
}
interface RawResult {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: RawIssue[];
}
type Runner = (options: Record<string, unknown>) => Promise<RawResult>;

export interface Finding {
  id: string;
  file: string;
  line: number;
  severity: string;
  confidence: string;
  description: string;
}

export interface Scan {
  files: number;
  checks: number;
  findings: Finding[];
  /** Files the tool could not parse: a file it cannot read is a file it did not check. */
  parseErrors: string[];
}

let runner: Runner | undefined;
function loadRunner(): Runner {
  if (runner) return runner;
  // Installed before the runner is first required, so its i18n module and the release check get this `got`.
  const gotPath = toolRequire.resolve('got');
  const refuse = () => Promise.reject(new Error('Electronegativity runs offline in the test suite.'));
  toolRequire.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: refuse } as unknown as NodeJS.Module;
  runner = toolRequire('./runner.js') as Runner;
  return runner;
}

export async function scan(input: string, excludedChecks: readonly string[] = []): Promise<Scan> {
  const run = loadRunner();
  const listFiles = (toolRequire('./util/file.js') as { list_files(dir: string): Promise<string[]> }).list_files;
  const files = (await listFiles(input)).length;
  const result = await run({
    input,
    isRelative: true,
    // src/ has no package.json for the tool to read the version from; without it the tool assumes v0.1.0 defaults.
    electronVersionOverride: ELECTRON_VERSION,
    excludeFromScan: [...OFFLINE_EXCLUSIONS, ...excludedChecks],
  });
  return {
    files,
    checks: result.globalChecks + result.atomicChecks,
    findings: result.issues.map((i) => ({
      id: i.id,
      file: i.file,
      line: i.location.line,
      severity: i.severity.name,
      confidence: i.confidence.name,
      description: i.description,
    })),
    parseErrors: result.errors.filter((e) => !e.tolerable).map((e) => `${e.file}: ${e.message}`),
  };
}

export const isBlocking = (f: Finding) => f.severity === 'HIGH' || f.severity === 'MEDIUM';

export const formatFinding = (f: Finding) => `${f.file}:${f.line}  ${f.id}  ${f.severity} (${f.confidence})  ${f.description}`;
