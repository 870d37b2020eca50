/*
 * A whole process measured as the kernel counts it: wall time from fork to exit, CPU time (user + system, every
 * thread) and peak RSS, read with wait4(2)'s rusage. Node cannot read a child's rusage, so a few lines of Python
 * (python3, on every Debian) fork, exec and wait for it; the time Python itself takes to start is outside the
 * measured span, so two processes compared this way are charged the same: their own start-up and work, nothing else.
 */
import { spawnSync } from 'node:child_process';

export interface ProcessRun {
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
}

const WAIT4 = `
import os, sys, time, json
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1)
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - t
print(json.dumps({"status": os.waitstatus_to_exitcode(status), "wallMs": wall * 1000, "cpuMs": (ru.ru_utime + ru.ru_stime) * 1000, "peakRssMb": ru.ru_maxrss / 1024}))
`;

/** Runs `command args…` (stdout discarded) and measures it; throws with its stderr if it fails. */
export function measureProcess(command: string, args: string[], env?: NodeJS.ProcessEnv): ProcessRun {
  const r = spawnSync('python3', ['-c', WAIT4, command, ...args], { encoding: 'utf8', env: env ?? process.env, maxBuffer: 64 * 1024 * 1024 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  const result = line.startsWith('{') ? (JSON.parse(line) as ProcessRun & { status: number }) : undefined;
  if (r.status !== 0 || !result || result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')}… failed (${result?.status ?? r.status}): ${r.stderr.slice(-2000)}`);
  return { wallMs: result.wallMs, cpuMs: result.cpuMs, peakRssMb: result.peakRssMb };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The median of each measure over several runs of the same process. */
export function medianRun(runs: ProcessRun[]): ProcessRun {
  return { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), peakRssMb: median(runs.map((r) => r.peakRssMb)) };
}

/**
 * Runs every task once per round, `runs` + 1 rounds, the order rotated each round so that each sees the same load;
 * the first round (index 0 of each list) is the cold one. A task that runs a process returns its measures
 * (ProcessRun); otherwise this process's own wall and CPU time (user + system, every thread) are counted.
 */
export async function roundRobin(tasks: [string, () => unknown][], runs: number): Promise<Map<string, { wall: number[]; cpu: number[] }>> {
  const times = new Map(tasks.map(([label]) => [label, { wall: [] as number[], cpu: [] as number[] }]));
  for (let round = 0; round <= runs; round++) {
    for (let k = 0; k < tasks.length; k++) {
      const [label, fn] = tasks[(round + k) % tasks.length];
      const cpu = process.cpuUsage();
      const start = performance.now();
      const result = await fn();
      const wall = performance.now() - start;
      const own = process.cpuUsage(cpu);
      const child = result && typeof result === 'object' && 'cpuMs' in result ? (result as ProcessRun) : undefined;
      times.get(label)!.wall.push(child?.wallMs ?? wall);
      times.get(label)!.cpu.push(child?.cpuMs ?? (own.user + own.system) / 1000);
    }
  }
  return times;
}
