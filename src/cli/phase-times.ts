/*
 * Where a fresh `casefolio dossier` spends its time, phase by phase, when CASEFOLIO_PHASE_TIMES=1: wall time since
 * the process started (performance.now(), which counts from Node's start) and the process's CPU time, at each
 * step, printed on stderr as the process exits. For the benchmark's start-up notes (bench/README.md, "dosscold2");
 * off by default, and then it costs one environment lookup (Node's global `performance` loads perf_hooks only when
 * first used, so `--help` and `cases` do not pay for it).
 */
export interface PhaseTimes {
  mark(phase: string): void;
}

const OFF: PhaseTimes = { mark() {} };

export function phaseTimes(env: NodeJS.ProcessEnv = process.env): PhaseTimes {
  if (env.CASEFOLIO_PHASE_TIMES !== '1') return OFF;
  const marks: { phase: string; wall: number; cpu: number }[] = [];
  const mark = (phase: string) => {
    const { user, system } = process.cpuUsage();
    marks.push({ phase, wall: performance.now(), cpu: (user + system) / 1000 });
  };
  process.once('exit', () => {
    mark('exit');
    let previous = { wall: 0, cpu: 0 };
    for (const m of marks) {
      process.stderr.write(`phase ${m.phase.padEnd(16)} at ${m.wall.toFixed(0).padStart(5)} ms wall, ${m.cpu.toFixed(0).padStart(5)} ms CPU (+${(m.wall - previous.wall).toFixed(0)} wall, +${(m.cpu - previous.cpu).toFixed(0)} CPU)\n`);
      previous = m;
    }
  });
  return { mark };
}
