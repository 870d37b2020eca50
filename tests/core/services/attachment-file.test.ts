/*
 * Attaching a file named by a path, when the path is not an ordinary file: a named pipe, a device, a folder,
 * a symbolic link, a file over the size limit. Each is refused at once with a sentence, and nothing is
 * stored or journalled. A file just under the limit streams in with memory flat (measured in a child process).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, open, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAttachmentFromFile } from '../../../src/core/services/attachments';
import { ApiError } from '../../../src/shared/errors';
import { casefolio, measuredCasefolio } from '../../helpers/cli';
import { tempDir, tempLibrary } from '../../helpers/temp-library';
import { listTree } from '../../helpers/tree';

async function libraryWithSource() {
  const t = await tempLibrary();
  const created = await t.api['cases:create']({ fields: { title: 'Hostile files', slug: 'hostile' } });
  const source = await t.api['sources:create']({ caseId: created.id, fields: { title: 'Evidence' } });
  await t.lib.settled(); // what follows the save's acknowledgement (journal line, rolling backup) is on disk before the listing
  return { ...t, caseId: created.id, sourceId: source.id };
}

async function refusal(work: Promise<unknown>): Promise<ApiError> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** A sparse file: `size` bytes on the file's length, almost none on disk. */
async function sparseFile(file: string, size: number): Promise<void> {
  const handle = await open(file, 'w');
  await handle.truncate(size);
  await handle.close();
}

describe('attaching a file by its path', () => {
  it('refuses a named pipe at once instead of waiting for a writer that never comes', async () => {
    const t = await libraryWithSource();
    const fifo = path.join(await tempDir(), 'pipe.pdf');
    execFileSync('mkfifo', [fifo]);
    const before = await listTree(t.dir);
    const error = await refusal(addAttachmentFromFile(t.lib, 'hostile', t.sourceId, fifo));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toBe(`${fifo} is a named pipe (FIFO), not a file: what comes through it has no fixed content to fingerprint; save it to a file and attach that. Nothing was stored.`);
    expect(await listTree(t.dir)).toEqual(before);
  });

  it('refuses devices (/dev/zero, /dev/urandom, /dev/null) and a folder, each with a sentence', async () => {
    const t = await libraryWithSource();
    const before = await listTree(t.dir);
    for (const device of ['/dev/zero', '/dev/urandom', '/dev/null']) {
      const error = await refusal(addAttachmentFromFile(t.lib, 'hostile', t.sourceId, device));
      expect(error.code).toBe('UNSUPPORTED');
      expect(error.message).toMatch(new RegExp(`^${device} is a device .*not a file: only regular files can be attached\\. Nothing was stored\\.$`));
    }
    const folder = path.join(await tempDir(), 'scans');
    await mkdir(folder);
    const error = await refusal(addAttachmentFromFile(t.lib, 'hostile', t.sourceId, folder));
    expect(error.message).toBe(`${folder} is a folder, not a file: attach the files inside it one by one. Nothing was stored.`);
    expect(await listTree(t.dir)).toEqual(before);
    expect(t.lib.requireCase('hostile').sources[0].attachments).toEqual([]);
  });

  it('refuses a symbolic link, naming the file it points to; the target itself attaches', async () => {
    const t = await libraryWithSource();
    const work = await tempDir();
    const target = path.join(work, 'statement.txt');
    await writeFile(target, 'A witness statement.');
    const link = path.join(work, 'latest.txt');
    await symlink(target, link);
    const before = await listTree(t.dir);
    const error = await refusal(addAttachmentFromFile(t.lib, 'hostile', t.sourceId, link));
    expect(error.code).toBe('UNSUPPORTED');
    expect(error.message).toContain(`${link} is a symbolic link.`);
    expect(error.message).toContain(`It points to ${target}: attach that file itself. Nothing was stored.`);
    expect(await listTree(t.dir)).toEqual(before);
    // A link to a pipe is refused as a link, before anything could block on the pipe.
    const fifo = path.join(work, 'pipe');
    execFileSync('mkfifo', [fifo]);
    await symlink(fifo, path.join(work, 'to-pipe'));
    expect((await refusal(addAttachmentFromFile(t.lib, 'hostile', t.sourceId, path.join(work, 'to-pipe')))).message).toContain('is a symbolic link');
    const attached = await addAttachmentFromFile(t.lib, 'hostile', t.sourceId, target);
    expect(attached).toMatchObject({ fileName: 'statement.txt', mediaType: 'text/plain', size: 20 });
    // The same file again is the same attachment, journalled once.
    expect(await addAttachmentFromFile(t.lib, 'hostile', t.sourceId, target)).toEqual(attached);
    const journal = await readFile(path.join(t.dir, 'cases', t.caseId, 'journal.jsonl'), 'utf8');
    expect(journal.split('\n').filter((line) => line.includes(attached.sha256))).toHaveLength(1);
  });

  it('refuses a 600 MB file before reading it, and stores nothing', async () => {
    const t = await libraryWithSource();
    const big = path.join(await tempDir(), 'recording.bin');
    await sparseFile(big, 600 * 1024 * 1024);
    const before = await listTree(t.dir);
    const error = await refusal(addAttachmentFromFile(t.lib, 'hostile', t.sourceId, big));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe(`${big} is 600 MiB; attachments can be at most 512 MiB. Nothing was stored.`);
    expect(await listTree(t.dir)).toEqual(before);
  });

  it('keeps only the first 32 MiB of a huge text file for search, cut on a whole character', async () => {
    const t = await libraryWithSource();
    const big = path.join(await tempDir(), 'transcript.txt');
    // "a", then 40 MiB of "é " (UTF-8: 3 bytes a pair): byte 32 MiB is the second byte of an "é", so a cut at
    // exactly 32 MiB would split a character.
    await writeFile(big, `a${'é '.repeat((40 * 1024 * 1024) / 3)}`);
    const attached = await addAttachmentFromFile(t.lib, 'hostile', t.sourceId, big);
    const text = await t.api['attachments:text']({ caseId: t.caseId, sourceId: t.sourceId, attachmentId: attached.id });
    expect(text.truncated).toBe(true);
    expect(text.pages).toHaveLength(1);
    expect(text.pages[0].text.startsWith('aé é é')).toBe(true);
    // Decoded as UTF-8 throughout: a split character would have made the whole text Windows-1252 ("Ã©").
    expect(text.pages[0].text).not.toContain('Ã');
  });
});

describe('casefolio attach, in a child process whose memory is measured', () => {
  it('attaches and bundles a 500 MB file with memory flat, refuses a 600 MB one and a named pipe with one line each', { timeout: 300_000 }, async () => {
    const work = await tempDir();
    const library = path.join(work, 'lib');
    expect((await casefolio(['init', library])).code).toBe(0);
    const caseId = (await casefolio(['new', 'Big files', '--slug', 'big', '--library', library])).stdout.trim();
    const sourceId = (await casefolio(['add', 'source', 'big', '--title', 'Bodycam footage', '--library', library])).stdout.trim();

    const fits = path.join(work, 'footage.bin');
    await sparseFile(fits, 500 * 1024 * 1024);
    const attached = await measuredCasefolio(['attach', 'big', sourceId, fits, '--json', '--library', library]);
    expect(attached.code).toBe(0);
    const record = JSON.parse(attached.stdout);
    expect(record.size).toBe(500 * 1024 * 1024);
    // sha256 of 500 MiB of zero bytes, as sha256sum computes it.
    const expected = execFileSync('sha256sum', [fits], { encoding: 'utf8' }).split(' ')[0];
    expect(record.sha256).toBe(expected);
    // Reading it whole took over 1.3 GB and then failed; streamed, it stays far below (the figure is in bench/README.md).
    expect(attached.maxRssMb).toBeLessThan(400);

    // Bundled, a file a PDF cannot hold is listed with its fingerprint, read as a stream rather than whole.
    const dossier = await measuredCasefolio(['dossier', 'big', '-o', path.join(work, 'big.pdf'), '--quiet', '--library', library]);
    expect(dossier.code).toBe(0);
    expect(dossier.stderr).toContain('[EXHIBIT_UNSUPPORTED]');
    expect(dossier.maxRssMb).toBeLessThan(400);

    const tooBig = path.join(work, 'too-big.bin');
    await sparseFile(tooBig, 600 * 1024 * 1024);
    const refused = await measuredCasefolio(['attach', 'big', sourceId, tooBig, '--library', library]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`casefolio: ${tooBig} is 600 MiB; attachments can be at most 512 MiB. Nothing was stored.\n`);
    expect(refused.maxRssMb).toBeLessThan(400);

    const fifo = path.join(work, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const pipe = await casefolio(['attach', 'big', sourceId, fifo, '--library', library]);
    expect(pipe.code).toBe(1);
    expect(pipe.stderr).toMatch(/^casefolio: .*pipe is a named pipe \(FIFO\), not a file/);
    // The one file stored is the 500 MB one, under its hash: no temp file or partial copy is left beside it.
    expect(await readdir(path.join(library, 'cases', caseId, 'files'))).toEqual([expected]);
  });
});
