/*
 * Opens a library as `casefolio cases` does and prints what it found and the process's peak memory, so a
 * test can bound the memory an oversized case file costs. Usage: open-and-measure <library-dir>
 */
import { CaseLibrary } from '../../src/core/case-library';

const lib = await CaseLibrary.open(process.argv[2], { readOnly: true, warm: false });
const cases = lib.read.caseFiles().length;
const problems = lib.read.problems;
await lib.close();
process.stdout.write(JSON.stringify({ cases, problems, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
