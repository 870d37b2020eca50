/*
 * The one harness that runs pdf.js on a user's PDF: in a worker thread with a heap cap, a time limit a job, and
 * the file first scanned for streams that would inflate past our caps (pdf.js inflates without one), so a hostile
 * file cannot hang the app, exhaust its memory or make pdf.js allocate gigabytes. Rendering an exhibit's pages
 * (dossier/exhibits/pdf-render.ts) and reading where its words stand (dossier/redaction/pdf-inspect.ts) are
 * tasks run here.
 *
 * A `PdfWorker` keeps its thread between jobs: a redacted export reads and renders every exhibit and reads the
 * finished file back, and starting pdf.js once instead of once a file saves most of its time. A job that overruns
 * its time, its heap or its output ends the thread; the next job starts a new one. `runPdfWorker` is one job in
 * a worker of its own.
 *
 * A task is the source of an async function `(pdfjs, bytes, params, send, env) => value` (`env`: pdf.js's cMap
 * and font folders, and `require`), compiled once per thread, and the tasks are ours, never a file's. A worker's
 * code is a string run with `eval` rather than a file beside this one: a file path would break once the main
 * process is bundled, while pdf.js itself is resolved here, in the parent, and handed to the worker as a URL.
 * Reading an attachment's text (pdf-worker.ts) is a task here too.
 * `send(part, transfer)` hands the parent a piece of the result as it is made (a rendered page), so a result
 * too large is stopped before it is all made.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findPdfInflationBomb, type InflationLimits } from './inflate-limits';

export interface PdfjsLocations {
  pdfjsUrl: string;
  cMapUrl: string;
  standardFontDataUrl: string;
}

let locations: PdfjsLocations | undefined;

/** Where pdf.js (the legacy build, which runs on Node 20), its cMaps and its standard fonts are, for a worker to load them. */
export function pdfjsLocations(): PdfjsLocations {
  if (!locations) {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('pdfjs-dist/legacy/build/pdf.mjs');
    const root = path.resolve(path.dirname(entry), '..', '..');
    // In Node, pdf.js reads cMaps and standard fonts with fs: it wants folder paths ending in a separator.
    locations = {
      pdfjsUrl: pathToFileURL(entry).href,
      cMapUrl: path.join(root, 'cmaps') + path.sep,
      standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep,
    };
  }
  return locations;
}

export interface PdfTask {
  name: string;
  /** What the task does to a file, for messages: "reading", "rendering". */
  doing: string;
  source: string;
}

export interface PdfJobLimits {
  timeoutMs: number;
  /** What the file's streams may inflate to; checked before pdf.js is given the file. */
  inflation: InflationLimits;
}

export type PdfJobResult<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Why a job failed, for a caller that answers each cause in its own words (attachment text records a code):
 * refused by the inflation check, over its time, over its heap, or anything else (the task threw, the thread stopped).
 */
export type PdfJobFailureKind = 'inflation' | 'timeout' | 'memory' | 'failed';
export type PdfJobOutcome<T> = { ok: true; value: T } | { ok: false; reason: string; kind: PdfJobFailureKind };

function withoutKind<T>(outcome: PdfJobOutcome<T>): PdfJobResult<T> {
  return outcome.ok ? outcome : { ok: false, reason: outcome.reason };
}

/** Each piece a task sends: return a reason to stop the job there (the thread is ended), or nothing to go on. */
export type PartHandler<P> = (part: P) => string | undefined;

const HOST_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const pdfjsReady = import(workerData.pdfjsUrl);
const tasks = new Map();
parentPort.on('message', async ({ id, name, source, bytes, params }) => {
  try {
    if (!tasks.has(name)) tasks.set(name, (0, eval)('(' + source + ')'));
    const pdfjs = await pdfjsReady;
    const send = (part, transfer) => parentPort.postMessage({ id, type: 'part', part }, transfer || []);
    const value = await tasks.get(name)(pdfjs, new Uint8Array(bytes), params, send, { ...workerData, require });
    parentPort.postMessage({ id, type: 'done', value });
  } catch (error) {
    parentPort.postMessage({ id, type: 'error', reason: String((error && error.message) || error) });
  }
});
`;

type WorkerMessage = { id: number; type: 'part'; part: unknown } | { id: number; type: 'done'; value: unknown } | { id: number; type: 'error'; reason: string };

interface Job {
  id: number;
  worker: Worker;
  task: PdfTask;
  onMessage(message: WorkerMessage): void;
  onFailure(reason: string, kind?: PdfJobFailureKind): void;
}

export class PdfWorker {
  private worker: Worker | undefined;
  private current: Job | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** How many threads were started: one for any number of jobs, unless a job ended one. */
  started = 0;

  constructor(private readonly maxHeapMb: number) {}

  /** Runs a task on a copy of `bytes`, after the jobs before it; never throws. */
  async run<T, P = never>(task: PdfTask, bytes: Uint8Array, params: object, limits: PdfJobLimits, onPart?: PartHandler<P>): Promise<PdfJobResult<T>> {
    return withoutKind(await this.attempt<T, P>(task, bytes, params, limits, onPart));
  }

  /** As `run`, and a failure says which kind it was. */
  attempt<T, P = never>(task: PdfTask, bytes: Uint8Array, params: object, limits: PdfJobLimits, onPart?: PartHandler<P>): Promise<PdfJobOutcome<T>> {
    const job = this.queue.then(() => this.runNow<T, P>(task, bytes, params, limits, onPart));
    // The queue only orders the jobs: one that failed in an unforeseen way must not stop those after it.
    this.queue = job.catch(() => undefined);
    return job;
  }

  /** Ends the thread (idle or not); a later job would start a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.current?.onFailure('the PDF reader was closed');
    if (worker) await worker.terminate();
  }

  private async runNow<T, P>(task: PdfTask, bytes: Uint8Array, params: object, limits: PdfJobLimits, onPart?: PartHandler<P>): Promise<PdfJobOutcome<T>> {
    // pdf.js inflates and decodes without a cap: a file whose streams would expand past ours is not handed to it.
    let worker: Worker;
    try {
      const bomb = await findPdfInflationBomb(bytes, limits.inflation);
      if (bomb) return { ok: false, reason: bomb, kind: 'inflation' };
      worker = this.thread();
    } catch (error) {
      return { ok: false, reason: error instanceof Error ? error.message : String(error), kind: 'failed' };
    }
    return new Promise((resolve) => {
      const id = this.nextId++;
      let settled = false;
      const finish = (result: PdfJobOutcome<T>, endThread: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.current = undefined;
        if (endThread) this.endThread(worker);
        resolve(result);
      };
      const timer = setTimeout(() => finish({ ok: false, reason: `${task.doing} it took over ${limits.timeoutMs / 1000} s`, kind: 'timeout' }, true), limits.timeoutMs);
      this.current = {
        id,
        worker,
        task,
        onFailure: (reason, kind = 'failed') => finish({ ok: false, reason, kind }, true),
        onMessage: (message) => {
          if (message.type === 'done') finish({ ok: true, value: message.value as T }, false);
          else if (message.type === 'error') finish({ ok: false, reason: message.reason, kind: 'failed' }, false);
          else {
            const stop = onPart?.(message.part as P);
            if (stop) finish({ ok: false, reason: stop, kind: 'failed' }, true);
          }
        },
      };
      // One copy, transferred: the caller keeps its bytes, and the worker gets its own without a second copy.
      const copy = new Uint8Array(bytes);
      worker.postMessage({ id, name: task.name, source: task.source, bytes: copy.buffer, params }, [copy.buffer]);
    });
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(HOST_SOURCE, {
      eval: true,
      workerData: { ...pdfjsLocations() },
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    this.started++;
    // pdf.js warns about damaged files on stdout/stderr: expected here, and not ours to print.
    worker.stdout.resume();
    worker.stderr.resume();
    // An idle thread does not keep the process alive: one its owner forgot to close cannot hang the CLI.
    worker.unref();
    // Only the job running on this thread hears of it: a thread being ended may outlive its job by a moment.
    const jobHere = () => (this.current?.worker === worker ? this.current : undefined);
    worker.on('message', (message: WorkerMessage) => {
      const job = jobHere();
      if (job?.id === message.id) job.onMessage(message);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const job = jobHere();
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') job?.onFailure(`${job.task.doing} it needed over ${this.maxHeapMb} MB`, 'memory');
      else job?.onFailure(error.message);
      this.forget(worker);
    });
    worker.on('exit', (code) => {
      jobHere()?.onFailure(`the PDF reader stopped with code ${code}`);
      this.forget(worker);
    });
    this.worker = worker;
    return worker;
  }

  private endThread(worker: Worker): void {
    this.forget(worker);
    void worker.terminate();
  }

  private forget(worker: Worker): void {
    if (this.worker === worker) this.worker = undefined;
  }
}

/** One job in a worker of its own, ended when the job is. */
export async function runPdfWorker<T, P = never>(task: PdfTask, bytes: Uint8Array, params: object, limits: PdfJobLimits & { maxHeapMb: number }, onPart?: PartHandler<P>): Promise<PdfJobResult<T>> {
  return withoutKind(await attemptPdfWorker<T, P>(task, bytes, params, limits, onPart));
}

/** As `runPdfWorker`, and a failure says which kind it was. */
export async function attemptPdfWorker<T, P = never>(task: PdfTask, bytes: Uint8Array, params: object, limits: PdfJobLimits & { maxHeapMb: number }, onPart?: PartHandler<P>): Promise<PdfJobOutcome<T>> {
  const worker = new PdfWorker(limits.maxHeapMb);
  try {
    return await worker.attempt<T, P>(task, bytes, params, limits, onPart);
  } finally {
    await worker.close();
  }
}
