/*
 * What a redacted dossier costs: `npx tsx bench/redaction.ts` (BENCH_RUNS=n warm runs, default 3). One case with
 * 10 PDF exhibits of 10 pages each (45 lines a page), a name on 2 pages of each, exported as the counsel copy
 * (the baseline) and as the redacted copy, interleaved so both see the same machine load. The redacted copy reads
 * every exhibit page's text (pdf.js), renders the 20 pages that name her, and reads the whole finished file back
 * to check it. Then the exhibits alone, redacted as before (a pdf.js worker started for each reading and each
 * rendering) and as now (one worker for all), interleaved. bench/README.md records a run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { compileDossier, type DossierBuildInput } from '../src/core/dossier/export';
import { redactPdf } from '../src/core/dossier/redaction/pdf-exhibit';
import { redactionRules } from '../src/core/dossier/redaction/rules';
import { PdfWorker } from '../src/core/evidence/pdf-worker-host';
import { createLibrary } from '../src/core/library-session';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function statement(n: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let p = 0; p < 10; p++) {
    const page = doc.addPage([595.28, 841.89]);
    for (let l = 0; l < 45; l++) {
      const named = (p === 2 || p === 7) && l === 20;
      page.drawText(`Statement ${n} ${p + 1}.${l + 1} ${named ? 'The officer then spoke to Amara Okafor in the room.' : 'The inquiry hears evidence about the operation.'}`, { x: 56, y: 780 - l * 16, size: 10, font });
    }
  }
  return doc.save();
}

async function main() {
  const dir = await mkdtemp(path.join(tmpdir(), 'casefolio-bench-redaction-'));
  const session = await createLibrary(path.join(dir, 'lib'), 'Bench', { warm: false });
  try {
    const { api, lib } = session;
    const c = await api['cases:create']({ fields: { title: 'Amara Okafor', summary: 'Amara Okafor was strip-searched.' } });
    const source = await api['sources:create']({ caseId: c.id, fields: { title: 'Statements' } });
    for (let i = 0; i < 10; i++) {
      const bytes = await statement(i + 1);
      await api['attachments:add']({ caseId: c.id, sourceId: source.id, fileName: `statement-${i + 1}.pdf`, mediaType: 'application/pdf', contentBase64: Buffer.from(bytes).toString('base64') });
    }
    await api['people:create']({ fields: { name: 'Amara Okafor', anonymity: { cipher: 'Person A', reason: 'child' }, cases: [] } });
    const input: DossierBuildInput = { cases: [c.id], buildDate: '2026-02-01', citationStyle: 'oscola', timelineFigure: false, paperSize: 'A4' };
    const exhibits: Uint8Array[] = [];
    for (let i = 0; i < 10; i++) exhibits.push(await statement(i + 1));
    const rules = redactionRules(lib.read.library);
    const perExhibit: number[] = [];
    const shared: number[] = [];
    let workers = 0;
    for (let i = 0; i <= RUNS; i++) {
      let start = performance.now();
      for (const bytes of exhibits) if (!(await redactPdf(bytes, rules)).ok) throw new Error('not redacted');
      perExhibit.push(performance.now() - start);
      start = performance.now();
      const worker = new PdfWorker(1024);
      try {
        for (const bytes of exhibits) if (!(await redactPdf(bytes, rules, undefined, worker)).ok) throw new Error('not redacted');
      } finally {
        await worker.close();
      }
      shared.push(performance.now() - start);
      workers = worker.started;
    }
    const counsel: number[] = [];
    const redacted: number[] = [];
    let pages = 0;
    for (let i = 0; i <= RUNS; i++) {
      let start = performance.now();
      const a = await compileDossier(lib, input);
      counsel.push(performance.now() - start);
      start = performance.now();
      await compileDossier(lib, { ...input, redact: true });
      redacted.push(performance.now() - start);
      pages = a.pageMap.reduce((max, e) => Math.max(max, e.endPage), 0);
    }
    const [p, q] = [median(counsel.slice(1)), median(redacted.slice(1))];
    console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; median of ${RUNS} warm runs after one cold run`);
    console.log(`${pages} pages, 100 exhibit pages of which 20 name her: counsel copy ${p.toFixed(0)} ms, redacted copy ${q.toFixed(0)} ms (×${(q / p).toFixed(2)})`);
    const [before, after] = [median(perExhibit.slice(1)), median(shared.slice(1))];
    console.log(`10 exhibits redacted (read, 2 pages each rendered): a worker per job ${before.toFixed(0)} ms (20 workers), one worker ${after.toFixed(0)} ms (${workers} started) (×${(after / before).toFixed(2)})`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')}`);
  } finally {
    await session.close();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
