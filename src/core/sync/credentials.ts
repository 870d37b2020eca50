/*
 * Credentials for the command line: CASEFOLIO_GIT_TOKEN (with CASEFOLIO_GIT_USERNAME, default "casefolio";
 * hosts that take a token as the password accept any user name), else git's own credential helper when git
 * is installed (`git credential fill`, never prompting). Nothing is ever written into the library.
 */
import { spawn } from 'node:child_process';
import type { CredentialSource, GitCredentials } from '../../shared/sync';

function gitCredentialFill(remote: string): Promise<GitCredentials | undefined> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      resolve(undefined);
      return;
    }
    const child = spawn('git', ['credential', 'fill'], { env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '' }, stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', () => resolve(undefined)); // no git here
    child.on('close', (code) => {
      const fields = new Map(out.split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const));
      const username = fields.get('username');
      const password = fields.get('password');
      resolve(code === 0 && username && password ? { username, password } : undefined);
    });
    child.stdin.end(`protocol=${url.protocol.replace(':', '')}\nhost=${url.host}\npath=${url.pathname.replace(/^\//, '')}\n\n`);
  });
}

export function commandLineCredentials(env: NodeJS.ProcessEnv = process.env): CredentialSource {
  return async (remote) => {
    if (env.CASEFOLIO_GIT_TOKEN) return { username: env.CASEFOLIO_GIT_USERNAME || 'casefolio', password: env.CASEFOLIO_GIT_TOKEN };
    return gitCredentialFill(remote);
  };
}
