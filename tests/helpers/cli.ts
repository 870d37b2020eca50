/* Runs the real `casefolio` command in a child process, as a user would. */
import { spawn } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve(__dirname, '../../bin/casefolio.js');
const MEASURED_CLI = path.resolve(__dirname, '../reliability/measured-cli.ts');

interface ChildRun {
  code: number;
  stdout: string;
  stderr: string;
}

function runNode(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

export function casefolio(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): Promise<ChildRun> {
  return runNode([CLI, ...args], env, cwd);
}

/** Runs casefolio in a child process that reports its peak resident memory (worker threads included). */
export async function measuredCasefolio(args: string[]): Promise<ChildRun & { maxRssMb: number }> {
  const run = await runNode(['--import', 'tsx', MEASURED_CLI, ...args]);
  return { ...run, maxRssMb: Number(/max-rss-mb (\d+)/.exec(run.stderr)?.[1] ?? NaN) };
}
