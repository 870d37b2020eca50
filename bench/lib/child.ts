/*
 * Each measurement runs in a fresh Node process, so a cold open is really cold (nothing compiled, nothing
 * cached in the heap) and each figure's peak memory is its own. A task prints one line, RESULT <json>.
 *
 * Tasks run as JavaScript bundled with esbuild, as the app runs its core, not through tsx: tsx compiles
 * TypeScript in a loader thread that adds about 55 MB to a process's memory (161 MB against 106 MB for a
 * process that loads the core and opens nothing), which the app never has.
 * The bundle goes under node_modules/.cache so that the packages it leaves out still resolve.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { RESULT_PREFIX } from './report';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const BUILD_DIR = path.join(ROOT, 'node_modules', '.cache', 'casefolio-bench', String(process.pid));
const bundles = new Map<string, Promise<string>>();

/** bench/tasks/<task>.ts bundled into one ES module (cached for this run); its path. */
export function bundle(task: string): Promise<string> {
  let built = bundles.get(task);
  if (!built) {
    mkdirSync(BUILD_DIR, { recursive: true });
    const outfile = path.join(BUILD_DIR, `${task}.mjs`);
    built = build({
      entryPoints: [path.join(ROOT, 'bench', 'tasks', `${task}.ts`)],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    }).then(() => outfile);
    bundles.set(task, built);
  }
  return built;
}

export async function runTask<T>(task: string, args: string[], nodeArgs: string[] = []): Promise<T & { maxRssMb: number }> {
  const script = await bundle(task);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      if (code !== 0 || !line) reject(new Error(`bench task ${task} failed (exit ${code}):\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(RESULT_PREFIX.length)));
    });
  });
}

/** Removes this run's bundles. */
export function removeBundles(): Promise<void> {
  return import('node:fs/promises').then((fs) => fs.rm(BUILD_DIR, { recursive: true, force: true }));
}
