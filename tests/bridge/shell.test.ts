import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bridgeShell } from '../../src/bridge/shell';
import { tempDir } from '../helpers/temp-library';

describe('the bridge shell', () => {
  it('puts dossiers in the exports folder, never overwriting one', async () => {
    const dir = path.join(await tempDir(), 'exports');
    const shell = bridgeShell(dir);
    const first = await shell.chooseDossierOutput('../../etc/Everard.pdf');
    expect(first).toBe(path.join(dir, 'Everard.pdf'));
    await writeFile(first!, '%PDF-1.7');
    expect(await shell.chooseDossierOutput('Everard.pdf')).toBe(path.join(dir, 'Everard (2).pdf'));
    expect(shell.mayWriteDossier(first!)).toBe(true);
    expect(shell.mayWriteDossier(path.join(dir, 'Other.pdf'))).toBe(false);
  });

  it('opens a dossier through a one-time, short-lived download ticket', async () => {
    let now = 1_000;
    const shell = bridgeShell(path.join(await tempDir(), 'exports'), () => now);
    const file = (await shell.chooseDossierOutput('Everard.pdf'))!;
    await writeFile(file, '%PDF-1.7');
    const { url } = await shell.openDossier(file);
    const ticket = url!.split('/').pop()!;
    expect(shell.redeem(ticket)).toEqual({ file, fileName: 'Everard.pdf' });
    expect(shell.redeem(ticket)).toBeUndefined();
    const late = (await shell.openDossier(file)).url!.split('/').pop()!;
    now += 61_000;
    expect(shell.redeem(late)).toBeUndefined();
    await expect(shell.openDossier('/etc/passwd')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
