/*
 * What checking the lock before every save costs: saves of one case (each checks the lock is still this
 * program's just before its rename), and the check alone, in the same process.
 */
import { CaseLibrary } from '../../src/core/case-library';
import { updateCase } from '../../src/core/services/cases';
import { acquireLock } from '../../src/core/storage/lock';
import { report } from '../lib/report';

const [dir, lockDir, countText] = process.argv.slice(2);
const count = Number(countText);
const lib = await CaseLibrary.open(dir, { warm: false, backups: { keep: 0, intervalMs: 0 } });
const caseId = lib.read.caseIds()[0];
let started = performance.now();
for (let i = 0; i < count; i++) await updateCase(lib, caseId, { summary: `save ${i}` });
const saveMs = (performance.now() - started) / count;
await lib.close();
// The check alone, on a lock of its own (the library's is released).
const lock = await acquireLock(lockDir);
started = performance.now();
for (let i = 0; i < count * 10; i++) await lock.verify();
const verifyMs = (performance.now() - started) / (count * 10);
await lock.release();
report({ saveMs, verifyMs });
