/*
 * Lock and limits benchmark (issue #12): `npx tsx bench/lock.ts` (BENCH_SAVES=n, default 500).
 *   1. A library with a 300 MB case file opened in a fresh process, against the naive read-and-parse of the
 *      same file that opening did before the size check (peak RSS as the kernel counts it, and time).
 *   2. The fencing check before every save: time per save, and the check alone.
 * The race itself is measured by tests/reliability/lock-race.test.ts (LOCK_RACE_ROUNDS=n); see bench/README.md.
 */
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CaseLibrary } from '../src/core/case-library';
import { createCase } from '../src/core/services/cases';
import { removeBundles, runTask } from './lib/child';

const SAVES = Number(process.env.BENCH_SAVES ?? 500);
const SUMMARY_CHARS = 300 * 1024 * 1024;

/** Writes a case file whose summary is SUMMARY_CHARS characters, in chunks (never whole in memory here). */
async function writeOversizedCase(file: string, caseId: string): Promise<void> {
  const handle = await open(file, 'w');
  const now = '2026-01-01T00:00:00.000Z';
  await handle.write(`{"schemaVersion":1,"case":{"id":"${caseId}","createdAt":"${now}","updatedAt":"${now}","title":"Huge","slug":"huge","summary":"`);
  const chunk = 'x'.repeat(1024 * 1024);
  for (let i = 0; i < SUMMARY_CHARS / chunk.length; i++) await handle.write(chunk);
  await handle.write('","status":"open","tags":[]},"sources":[],"notes":[],"events":[]}\n');
  await handle.close();
}

const root = await mkdtemp(path.join(os.tmpdir(), 'casefolio-bench-lock-'));
try {
  const dir = path.join(root, 'library');
  const lib = await CaseLibrary.create(dir, 'Bench');
  await createCase(lib, { title: 'Ordinary case' });
  const huge = await createCase(lib, { title: 'Huge' });
  await lib.close();
  const hugeFile = path.join(dir, 'cases', huge.id, 'case.json');
  await writeOversizedCase(hugeFile, huge.id);

  const baseline = await runTask<{ ms: number }>('oversized', [dir, hugeFile, 'naive'], ['--max-old-space-size=4096']);
  const ours = await runTask<{ ms: number; problems: number }>('oversized', [dir, hugeFile, 'casefolio']);
  console.log('A library with a 300 MB case file, opened in a fresh process');
  console.log(`  casefolio (size checked first, file reported)   ${ours.ms.toFixed(0).padStart(6)} ms   peak RSS ${ours.maxRssMb} MB   problems reported: ${ours.problems}`);
  console.log(`  naive read + parse (what opening did before)   ${baseline.ms.toFixed(0).padStart(6)} ms   peak RSS ${baseline.maxRssMb} MB`);

  const fenceDir = path.join(root, 'fence');
  const fenceLib = await CaseLibrary.create(fenceDir, 'Fence');
  await createCase(fenceLib, { title: 'Saved often' });
  await fenceLib.close();
  const fence = await runTask<{ saveMs: number; verifyMs: number }>('fence', [fenceDir, root, String(SAVES)]);
  console.log(`\nThe lock checked before every save (${SAVES} saves of one case)`);
  console.log(`  one save (durable write, lock check included)  ${fence.saveMs.toFixed(3)} ms`);
  console.log(`  the lock check alone                           ${fence.verifyMs.toFixed(3)} ms  (${((100 * fence.verifyMs) / fence.saveMs).toFixed(1)} % of a save)`);
} finally {
  await removeBundles();
  await rm(root, { recursive: true, force: true });
}
