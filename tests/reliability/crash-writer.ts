/*
 * The process the crash harness kills. It opens a library for writing and saves edits in a loop,
 * printing "ack <n>" after each save has returned, until it is killed with SIGKILL at a random moment.
 * Usage: crash-writer <library-dir> <first-save-number> <case-id>...
 */
import { CaseLibrary } from '../../src/core/case-library';
import { updateCase } from '../../src/core/services/cases';

const [dir, first, ...caseIds] = process.argv.slice(2);
const lib = await CaseLibrary.open(dir);
process.stdout.write('ready\n');
for (let n = Number(first); ; n++) {
  await updateCase(lib, caseIds[n % caseIds.length], { summary: `save ${n}` });
  process.stdout.write(`ack ${n}\n`);
}
