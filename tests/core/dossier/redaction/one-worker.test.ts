/*
 * A redacted export reads and renders every PDF exhibit, and reads the finished file back, in one pdf.js worker
 * thread (it once started one a file and a job, most of the export's time), and ends that thread when the export
 * ends: written, or refused because a name was left in.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportDossier } from '../../../../src/core/dossier/export';
import { PdfWorker } from '../../../../src/core/evidence/pdf-worker-host';
import { tempDir } from '../../../helpers/temp-library';
import { ALIAS, redactionLibrary } from './fixtures';

/** The workers the export used (watched, not replaced), and how many jobs each ran and whether it was closed. */
function watchWorkers() {
  const used = new Map<PdfWorker, { jobs: number; closed: boolean }>();
  const run = PdfWorker.prototype.run;
  const close = PdfWorker.prototype.close;
  vi.spyOn(PdfWorker.prototype, 'run').mockImplementation(function (this: PdfWorker, ...args: Parameters<PdfWorker['run']>) {
    const seen = used.get(this) ?? { jobs: 0, closed: false };
    used.set(this, { ...seen, jobs: seen.jobs + 1 });
    return run.apply(this, args);
  });
  vi.spyOn(PdfWorker.prototype, 'close').mockImplementation(async function (this: PdfWorker) {
    const seen = used.get(this);
    if (seen) seen.closed = true;
    await close.apply(this);
  });
  return used;
}

afterEach(() => vi.restoreAllMocks());

describe('a redacted export', () => {
  it('reads two PDF exhibits, renders the page that names her and checks the result in one thread, then ends it', async () => {
    const { lib, slug } = await redactionLibrary({ scan: true });
    const used = watchWorkers();
    const out = path.join(await tempDir(), 'press.pdf');
    await exportDossier(lib, { cases: [slug], outputPath: out, buildDate: '2026-02-01', redact: true } as never);
    expect(existsSync(out)).toBe(true);
    const workers = [...used];
    expect(workers).toHaveLength(1);
    const [worker, { jobs, closed }] = workers[0];
    // The statement read and one page of it rendered, the scan read, the finished file read back.
    expect(jobs).toBe(4);
    expect(worker.started).toBe(1);
    expect(closed).toBe(true);
  }, 180_000);

  it('ends its thread when the export is refused', async () => {
    const { lib, slug } = await redactionLibrary();
    const used = watchWorkers();
    const out = path.join(await tempDir(), 'press.pdf');
    const keep = (m: { found: string }) => m.found === ALIAS.toLowerCase();
    await expect(exportDossier(lib, { cases: [slug], outputPath: out, buildDate: '2026-02-01', redact: true } as never, undefined, { keep })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(existsSync(out)).toBe(false);
    expect([...used.values()]).toEqual([{ jobs: 3, closed: true }]);
  }, 180_000);
});
