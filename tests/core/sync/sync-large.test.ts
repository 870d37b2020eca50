/*
 * A 100 MB attachment travels through a real git server once and arrives verified; a file above the sync
 * limit stays on the machine that has it and is named in the report. Time and memory are printed for the
 * README (never asserted).
 */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addAttachmentFromFile } from '../../../src/core/services/attachments';
import { runSync } from '../../../src/core/sync/run';
import { tempDir } from '../../helpers/temp-library';
import { gitServerForSuite, joiner, publisher, type Machine } from './machines';

const server = gitServerForSuite();
const open_: Machine[] = [];
afterEach(async () => {
  while (open_.length) await open_.pop()!.close();
});

/** Writes `mb` MiB of varied bytes (incompressible enough to be honest) and returns the file's path and SHA-256. */
async function bigFile(mb: number): Promise<{ file: string; sha256: string }> {
  const file = path.join(await tempDir(), `evidence-${mb}.bin`);
  const handle = await open(file, 'w');
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i++) {
    for (let j = 0; j < chunk.length; j += 4) chunk.writeUInt32LE((Math.imul(i * chunk.length + j, 2654435761) ^ j) >>> 0, j);
    hash.update(chunk);
    await handle.write(chunk);
  }
  await handle.close();
  return { file, sha256: hash.digest('hex') };
}

describe('large attachments', () => {
  it('carries a 100 MB attachment once and verifies it on arrival', async () => {
    const { machine: alice, remote } = await publisher(server());
    const bob = await joiner(remote, 'Bob');
    open_.push(alice, bob);
    const c = await alice.api['cases:create']({ fields: { title: 'Body-worn video' } });
    const s = await alice.api['sources:create']({ caseId: c.id, fields: { title: 'Footage', kind: 'video' } });
    const { file, sha256 } = await bigFile(Number(process.env.SYNC_LARGE_MB ?? 100));
    await addAttachmentFromFile(alice.session.lib, c.id, s.id, file);
    let peak = process.memoryUsage().rss;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = Date.now();
    await alice.api['sync:run']({});
    const pushed = Date.now();
    const report = await bob.api['sync:run']({});
    const pulled = Date.now();
    clearInterval(sample);
    expect(report.incoming[0].counts.attachments).toBe(1);
    const arrived = path.join(bob.dir, 'cases', c.id, 'files', sha256);
    expect((await stat(arrived)).size).toBe(Number(process.env.SYNC_LARGE_MB ?? 100) * 1024 * 1024);
    console.log(`100 MB attachment: push ${((pushed - started) / 1000).toFixed(1)} s, fetch+apply ${((pulled - pushed) / 1000).toFixed(1)} s, peak RSS of the test process ${Math.round(peak / 1024 / 1024)} MB`);
  }, 600_000);

  it('keeps a file above the sync limit on this machine and says so', async () => {
    const { machine: alice } = await publisher(server());
    open_.push(alice);
    const c = await alice.api['cases:create']({ fields: { title: 'Too large to share' } });
    const s = await alice.api['sources:create']({ caseId: c.id, fields: { title: 'Archive' } });
    const { file, sha256 } = await bigFile(2);
    await addAttachmentFromFile(alice.session.lib, c.id, s.id, file);
    const report = await runSync(alice.session.lib, false, { maxFileBytes: 1024 * 1024 });
    expect(report.localOnlyFiles).toEqual([`cases/${c.id}/files/${sha256}`]);
  });
});
