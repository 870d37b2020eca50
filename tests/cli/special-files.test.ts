/*
 * Commands that read a file named by its path (import, restore) given something that is not a regular file: a
 * named pipe, which would block the read until another program writes to it, a device that never ends, a
 * folder. Each is refused at once with a sentence, through the real command line, and nothing is changed.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casefolio } from '../helpers/cli';
import { tempDir } from '../helpers/temp-library';

async function libraryWithCase() {
  const work = await tempDir();
  const library = path.join(work, 'lib');
  expect((await casefolio(['init', library])).code).toBe(0);
  expect((await casefolio(['new', 'Custody', '--slug', 'custody', '--library', library])).code).toBe(0);
  return { work, library };
}

describe('a command given a path that is not a regular file', () => {
  it('import refuses a named pipe at once (it once waited for a writer forever), a device and a folder', { timeout: 120_000 }, async () => {
    const { work, library } = await libraryWithCase();
    const fifo = path.join(work, 'zotero-export.ris');
    execFileSync('mkfifo', [fifo]);
    const folder = path.join(work, 'exports');
    await mkdir(folder);
    const cases: [string, RegExp][] = [
      [fifo, /^casefolio: Cannot read .*zotero-export\.ris: it is a named pipe \(FIFO\), not a file; save what comes through it to a file and use that\.\n$/],
      ['/dev/zero', /^casefolio: Cannot read \/dev\/zero: it is a device \(such as a disk, \/dev\/zero or \/dev\/urandom\), not a file\.\n$/],
      [folder, /^casefolio: Cannot read .*exports: it is a folder, not a file\.\n$/],
      [path.join(work, 'missing.ris'), /^casefolio: Cannot read .*missing\.ris: there is no such file or folder\.\n$/],
    ];
    for (const [file, message] of cases) {
      const run = await casefolio(['import', file, '--case', 'custody', '--library', library]);
      expect(run.code, file).toBe(1);
      expect(run.stderr, file).toMatch(message);
    }
    const sources = await casefolio(['show', 'custody', '--json', '--library', library]);
    expect(JSON.parse(sources.stdout).sources).toEqual([]);
  });

  it('restore refuses a named pipe and a device as the backup, and creates no folder', { timeout: 120_000 }, async () => {
    const work = await tempDir();
    const fifo = path.join(work, 'backup.casefolio');
    execFileSync('mkfifo', [fifo]);
    for (const [file, message] of [
      [fifo, /^casefolio: Cannot read .*backup\.casefolio: it is a named pipe \(FIFO\), not a file; save what comes through it to a file and use that\.\n$/],
      ['/dev/urandom', /^casefolio: Cannot read \/dev\/urandom: it is a device .*not a file\.\n$/],
    ] as const) {
      const target = path.join(work, 'restored');
      const run = await casefolio(['restore', file, target]);
      expect(run.code, file).toBe(1);
      expect(run.stderr, file).toMatch(message);
      expect(existsSync(target)).toBe(false);
    }
  });
});
