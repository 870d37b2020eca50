/* `casefolio config`: the settings the window's Settings dialog changes, from the command line. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

describe('casefolio config', () => {
  it('sets, shows and clears the user name; refuses an unknown key or a bad email with one line', async () => {
    const lib = path.join(await tempDir(), 'lib');
    expect((await casefolio(['init', lib])).code).toBe(0);
    const at = ['--library', lib];
    expect(await casefolio(['config', 'set', 'user.name', 'Ada Lovelace', ...at])).toMatchObject({ code: 0, stdout: 'user.name = Ada Lovelace\n' });
    expect(await casefolio(['config', 'get', 'user.name', ...at])).toMatchObject({ code: 0, stdout: 'Ada Lovelace\n' });
    expect((await casefolio(['config', ...at])).stdout).toContain('user.email = (not set)');
    const unknown = await casefolio(['config', 'set', 'colour', 'red', ...at]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown setting “colour”. Settings: user.name, user.email, citation.style, bates.prefix, marking.');
    const email = await casefolio(['config', 'set', 'user.email', 'ada at home', ...at]);
    expect(email.code).toBe(1);
    expect(email.stderr).toContain('Type an email address such as name@example.org.');
    expect((await casefolio(['config', 'unset', 'user.name', ...at])).code).toBe(0);
    expect((await casefolio(['config', 'get', 'user.name', ...at])).code).toBe(1);
  });
});
