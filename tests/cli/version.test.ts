/* `casefolio --version` and `-V`: the installed package's version, from the built command a person runs. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';

const { version } = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string };

describe('casefolio --version', () => {
  it('prints the package version for --version and -V, and the help lists it', async () => {
    for (const flag of ['--version', '-V']) expect(await casefolio([flag])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect((await casefolio(['--help'])).stdout).toMatch(/-V, --version\s+print Casefolio’s version/);
  });
});
