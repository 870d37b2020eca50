/* `casefolio settings`: the settings the window's Settings dialog changes, from the command line. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

describe('casefolio settings', () => {
  it('sets, shows and clears the user name and email; refuses a bad email or an unknown setting with one line', async () => {
    const lib = path.join(await tempDir(), 'lib');
    expect((await casefolio(['init', lib])).code).toBe(0);
    const at = ['--library', lib];
    const set = await casefolio(['settings', '--user-name', 'Ada Lovelace', '--user-email', 'ada@example.org', ...at]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('changes recorded as made by: Ada Lovelace');
    const shown = JSON.parse((await casefolio(['settings', '--json', ...at])).stdout) as { settings: Record<string, unknown>; identity: Record<string, unknown> };
    // The name and email are this machine's (a shared library.json would give everyone one name).
    expect(shown.identity).toEqual({ name: 'Ada Lovelace', email: 'ada@example.org' });
    expect(shown.settings.userName).toBeUndefined();
    const email = await casefolio(['settings', '--user-email', 'ada at home', ...at]);
    expect(email.code).toBe(1);
    expect(email.stderr).toContain('Type an email address such as name@example.org.');
    expect(email.stderr.trim().split('\n')).toHaveLength(1);
    const unknown = await casefolio(['settings', '--colour', 'red', ...at]);
    expect(unknown.code).toBe(2);
    expect((await casefolio(['settings', '--clear', 'user-name', ...at])).code).toBe(0);
    const cleared = JSON.parse((await casefolio(['settings', '--json', ...at])).stdout) as { identity: Record<string, unknown> };
    expect(cleared.identity).toEqual({ email: 'ada@example.org' });
  });
});
