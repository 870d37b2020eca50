import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { desktopShell } from '../../src/main/shell';

vi.mock('electron', () => ({}));

function shellWith(savePath: string | undefined) {
  const dialog = { showSaveDialog: vi.fn(async () => ({ canceled: !savePath, filePath: savePath ?? '' })), showMessageBox: vi.fn(), showOpenDialog: vi.fn(), showErrorBox: vi.fn() };
  const openPath = vi.fn(async () => '');
  const shell = desktopShell({ dialog: dialog as never, shell: { openPath }, window: () => ({}) as never, documentsDir: () => '/home/me/Documents' });
  return { shell, dialog, openPath };
}

describe('the desktop shell', () => {
  it('asks where to save with a native dialog, suggesting the Documents folder', async () => {
    const { shell, dialog } = shellWith('/home/me/Documents/Everard.pdf');
    await expect(shell.chooseDossierOutput('Everard – dossier.pdf')).resolves.toBe('/home/me/Documents/Everard.pdf');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ defaultPath: path.join('/home/me/Documents', 'Everard – dossier.pdf') }));
  });

  it('lets the window write and open only the files chosen in that dialog', async () => {
    const { shell, openPath } = shellWith('/home/me/Documents/Everard.pdf');
    expect(shell.mayWriteDossier('/home/me/.bashrc.pdf')).toBe(false);
    await shell.chooseDossierOutput('Everard.pdf');
    expect(shell.mayWriteDossier('/home/me/Documents/Everard.pdf')).toBe(true);
    await expect(shell.openDossier('/usr/bin/xterm')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(openPath).not.toHaveBeenCalled();
    await expect(shell.openDossier('/home/me/Documents/Everard.pdf')).resolves.toEqual({ opened: true });
    expect(openPath).toHaveBeenCalledWith('/home/me/Documents/Everard.pdf');
  });

  it('adds .pdf when the name typed has none, and returns nothing when cancelled', async () => {
    await expect(shellWith('/tmp/dossier').shell.chooseDossierOutput('x.pdf')).resolves.toBe('/tmp/dossier.pdf');
    await expect(shellWith(undefined).shell.chooseDossierOutput('x.pdf')).resolves.toBeUndefined();
  });
});
