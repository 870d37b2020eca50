/*
 * Crash safety: a writer process is killed (SIGKILL) at random moments while it saves. After every kill,
 * every case file must parse and validate, hold either the last acknowledged version of its edit or the
 * one in flight, and no acknowledged save may be missing. Shared by the test (1,000 kills) and the
 * benchmark (10,000 kills).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { CaseLibrary } from '../../src/core/case-library';
import { CURRENT_SCHEMA_VERSION } from '../../src/shared/domain';

/** Bundles a worker script of this folder into one file, so each child process starts fast. */
export async function bundleWriter(entry = 'crash-writer.ts'): Promise<{ file: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'casefolio-crash-writer-'));
  const file = path.join(dir, 'writer.mjs');
  await build({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: file,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { file, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs a bundled writer to its end (a test's writer kills itself at a chosen moment): how it ended, and what it printed. */
export function runToEnd(file: string, args: string[]): Promise<{ signal: NodeJS.Signals | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => resolve({ signal, out, err }));
  });
}

export interface CrashRunResult {
  kills: number;
  acknowledged: number;
  /** Kills after which the edit in flight had reached the disk. */
  inFlightLanded: number;
  failures: string[];
  /** Where a kill cycle's time went, in ms summed over the run (see CrashPhases). */
  phases: CrashPhases;
}

/**
 * A kill cycle's time: `waitReady` from the go to the writer's "ready" (its start-up, unless it was
 * started ahead), `running` from "ready" to its death (the random delay, saving), `check` the reopening.
 */
export interface CrashPhases {
  waitReady: number;
  running: number;
  check: number;
}

/**
 * A writer process. It loads its code at once and opens the library only when told where to start (a
 * line on stdin), so the next one can be started while the current one runs and is checked: a cycle
 * then no longer waits for Node to start and load the code.
 */
interface Writer {
  go(first: number): void;
  child: ReturnType<typeof spawn>;
  ready: Promise<void>;
  /** The numbers acknowledged, once the writer was killed. */
  done: Promise<number[]>;
}

function startWriter(writer: string, dir: string, caseIds: string[], writes: CrashWrites): Writer {
  const child = spawn(process.execPath, [writer, dir, 'stdin', ...caseIds], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CASEFOLIO_CRASH_WRITES: writes },
  });
  const acks: number[] = [];
  let buffered = '';
  let stderr = '';
  let readyResolve!: () => void;
  const ready = new Promise<void>((resolve) => (readyResolve = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') readyResolve();
      else if (line.startsWith('ack ')) acks.push(Number(line.slice(4)));
    }
  });
  child.stderr!.on('data', (d) => (stderr += d));
  child.stdin!.on('error', () => undefined); // a writer killed before it was told to go
  const done = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (_code, signal) => (signal === 'SIGKILL' ? resolve(acks) : reject(new Error(`writer exited on its own: ${stderr}`))));
  });
  return { go: (first) => child.stdin!.end(`${first}\n`), child, ready, done };
}

/** How the killed writer saves: through the library's durable writes, or (a baseline) straight into the file. */
export type CrashWrites = 'durable' | 'in-place';

export interface CrashOptions {
  kills: number;
  caseCount?: number;
  seed?: number;
  /**
   * The longest delay between a writer's "ready" and its kill (default 25 ms). On a machine where a save takes
   * longer, the range grows to four of that run's saves so far (at most a second), so that kills still land among
   * saves rather than before the first one: on a loaded CI machine most kills had caught no save at all.
   */
  maxDelayMs?: number;
  writes?: CrashWrites;
  /** Stop early after this many failures (default 20); a baseline run counts them all. */
  maxFailures?: number;
  /** How many writers to keep started ahead of their turn (default 1: more compete with the one being killed for the cores); 0 starts each only when its turn comes. */
  prestart?: number;
}

export async function crashHarness(options: CrashOptions): Promise<CrashRunResult> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'casefolio-crash-'));
  const writer = await bundleWriter();
  const dir = path.join(root, 'library');
  let seed = options.seed ?? 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const result: CrashRunResult = { kills: 0, acknowledged: 0, inFlightLanded: 0, failures: [], phases: { waitReady: 0, running: 0, check: 0 } };
  try {
    const setup = await CaseLibrary.create(dir, 'Crash test');
    const caseIds: string[] = [];
    for (let i = 0; i < (options.caseCount ?? 4); i++) {
      caseIds.push(await setup.mutate('seed', (draft) => {
        const id = setup.newId('case');
        draft.addCase({ schemaVersion: CURRENT_SCHEMA_VERSION, case: { id, slug: `case-${i}`, title: `Case ${i}`, summary: 'save -1', status: 'open', tags: [], createdAt: draft.now, updatedAt: draft.now }, sources: [], notes: [], events: [] });
        return id;
      }));
    }
    await setup.close();
    const lastAcked = new Map<string, number>(caseIds.map((id) => [id, -1]));
    let next = 0;
    const writes = options.writes ?? 'durable';
    const ahead = options.prestart ?? 1;
    const spares: Writer[] = [];
    for (let k = 0; k < options.kills; k++) {
      const current = spares.shift() ?? startWriter(writer.file, dir, caseIds, writes);
      // Time alive per acknowledged save so far (with none yet, all the time alive: the window widens until saves land).
      const msPerSave = result.phases.running / Math.max(1, result.acknowledged);
      const delay = Math.floor(random() * Math.min(1000, Math.max(options.maxDelayMs ?? 25, 4 * msPerSave)));
      const went = performance.now();
      current.go(next);
      // The next cycles' writers load meanwhile; each touches the library only when told to go.
      while (spares.length < Math.min(ahead, options.kills - k - 1)) spares.push(startWriter(writer.file, dir, caseIds, writes));
      await Promise.race([current.ready, current.done]);
      const readyAt = performance.now();
      result.phases.waitReady += readyAt - went;
      setTimeout(() => current.child.kill('SIGKILL'), delay);
      let acks: number[];
      try {
        acks = await current.done;
      } catch (error) {
        for (const spare of spares) spare.child.kill('SIGKILL');
        throw error;
      }
      const checkAt = performance.now();
      result.phases.running += checkAt - readyAt;
      result.kills++;
      result.acknowledged += acks.length;
      const inFlight = acks.length ? acks[acks.length - 1] + 1 : next;
      for (const n of acks) lastAcked.set(caseIds[n % caseIds.length], n);
      // Check as a reader would: nothing moved, nothing repaired.
      const lib = await CaseLibrary.open(dir, { readOnly: true });
      for (const p of lib.read.problems) result.failures.push(`kill ${k}: ${p.file}: ${p.reason}`);
      for (const id of caseIds) {
        const summary = lib.read.caseFile(id)?.case.summary;
        const acked = lastAcked.get(id)!;
        const allowed = new Set([`save ${acked}`]);
        if (caseIds[inFlight % caseIds.length] === id) allowed.add(`save ${inFlight}`);
        if (!summary || !allowed.has(summary)) result.failures.push(`kill ${k}: case ${id} holds "${summary}", expected one of ${[...allowed].join(' / ')}`);
        else if (summary === `save ${inFlight}`) {
          // The save in flight reached the disk before the kill: it is now the version to keep.
          result.inFlightLanded++;
          lastAcked.set(id, inFlight);
        }
      }
      await lib.close();
      result.phases.check += performance.now() - checkAt;
      next = inFlight + 1;
      if (result.failures.length > (options.maxFailures ?? 20)) break;
    }
    for (const spare of spares) {
      spare.child.kill('SIGKILL');
      await spare.done.catch(() => undefined);
    }
    return result;
  } finally {
    await writer.dispose();
    await rm(root, { recursive: true, force: true });
  }
}
