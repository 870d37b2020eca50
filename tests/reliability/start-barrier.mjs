// Preloaded (node --import) into the real `casefolio` and bridge processes of the edge race test: each
// process says it is ready, then waits for the go file, so they all start at the same instant.
import { existsSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

const go = process.env.CASEFOLIO_TEST_BARRIER;
if (go) {
  writeFileSync(`${go}.ready-${process.pid}`, '');
  while (!existsSync(go)) await sleep(1);
}
