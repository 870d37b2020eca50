/*
 * Each measurement runs in a fresh Node process, so a cold open is really cold (nothing compiled, nothing
 * cached in the heap) and each figure's peak memory is its own. A task prints one line, RESULT <json>.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';

const PREFIX = 'RESULT ';

export function report(result: unknown): void {
  process.stdout.write(`${PREFIX}${JSON.stringify({ ...(result as object), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

export function runTask<T>(task: string, args: string[], nodeArgs: string[] = []): Promise<T & { maxRssMb: number }> {
  const script = path.join(import.meta.dirname, '..', 'tasks', `${task}.ts`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(PREFIX));
      if (code !== 0 || !line) reject(new Error(`bench task ${task} failed (exit ${code}):\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(PREFIX.length)));
    });
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
  };
}

/** CPU time (user + system, all of this process's threads) spent while `work` ran, beside its wall time. */
export async function measure(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await work();
  const wall = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}
