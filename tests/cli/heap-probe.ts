/*
 * Run in a child process by heap.test.ts: allocates the way a dossier's layout does (many small objects, a good
 * part of them kept), with or without the CLI's tight heap settings, and prints V8's young generation before and
 * after as JSON. A child of its own, so its heap starts as a fresh `casefolio` process's does.
 */
import { getHeapSpaceStatistics } from 'node:v8';
import { keepHeapTight } from '../../src/cli/heap';

const youngGeneration = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size;

if (process.argv[2] === 'tight') keepHeapTight();
const before = youngGeneration();
const kept: { word: string; x: number }[][] = [];
for (let round = 0; round < 40; round++) {
  const page: { word: string; x: number }[] = [];
  for (let i = 0; i < 50_000; i++) page.push({ word: `w${round}-${i}`, x: i / 3 });
  kept.push(page);
}
process.stdout.write(JSON.stringify({ before, after: youngGeneration(), kept: kept.length }));
