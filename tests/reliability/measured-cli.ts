/*
 * The casefolio command, run in this process, reporting the process's peak memory (resident set size, worker
 * threads included) on its last line of stderr: `max-rss-mb N`. For tests and benchmarks of memory use.
 */
import { run } from '../../src/cli/main';

const code = await run(process.argv.slice(2));
process.stderr.write(`max-rss-mb ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
process.exitCode = code;
