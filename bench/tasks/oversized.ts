/*
 * A library holding one case file of 300 MB (a 300-million-character summary), opened in a fresh process.
 *   casefolio  CaseLibrary.open, as every command and the window open a library: the size is checked first
 *   naive      what opening did before: the whole file read, decoded and parsed (validation then refuses it)
 */
import { readFile } from 'node:fs/promises';
import { CaseLibrary } from '../../src/core/case-library';
import { report } from '../lib/report';

const [dir, file, mode] = process.argv.slice(2);
const started = performance.now();
if (mode === 'naive') {
  const parsed = JSON.parse((await readFile(file)).toString('utf8')) as { case: { summary: string } };
  report({ ms: performance.now() - started, summaryChars: parsed.case.summary.length });
} else {
  const lib = await CaseLibrary.open(dir, { readOnly: true, warm: false });
  const problems = lib.read.problems.length;
  await lib.close();
  report({ ms: performance.now() - started, problems });
}
