/* What a bench task reports, and the small statistics the runner prints. */
export const RESULT_PREFIX = 'RESULT ';

export function report(result: unknown): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...(result as object), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
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
