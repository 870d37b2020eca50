/* Native dialogs: the first-run choice, choosing a library folder, saving a dossier, reporting a failure. */
import type { BrowserWindow, Dialog } from 'electron';
import type { FirstRunChoice } from '../core/first-run';

type DialogApi = Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'>;

const FIRST_RUN_CHOICES: FirstRunChoice[] = ['sample', 'empty', 'choose', 'quit'];

export async function askFirstRun(dialog: DialogApi, reason: 'first-run' | 'missing', missingDir?: string): Promise<FirstRunChoice> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    title: 'Casefolio',
    message: reason === 'first-run' ? 'Welcome to Casefolio' : 'The library could not be found',
    detail:
      reason === 'first-run'
        ? 'Start with the sample library — case files built from one published article, to explore what Casefolio does — or with an empty library of your own.'
        : `Casefolio last used the library at ${missingDir}, but it is not there any more. If you moved it, choose its new folder.`,
    buttons: ['Open the Sample Library', 'Create an Empty Library', 'Choose a Folder…', 'Quit'],
    defaultId: reason === 'first-run' ? 0 : 2,
    cancelId: 3,
    noLink: true,
  });
  return FIRST_RUN_CHOICES[response] ?? 'quit';
}

export async function chooseLibraryFolder(dialog: DialogApi, parent?: BrowserWindow): Promise<string | undefined> {
  const options = {
    title: 'Open or Create a Library',
    buttonLabel: 'Use This Folder',
    properties: ['openDirectory', 'createDirectory'] as ('openDirectory' | 'createDirectory')[],
  };
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? undefined : result.filePaths[0];
}

export async function chooseDossierPath(dialog: DialogApi, parent: BrowserWindow, suggestedName: string): Promise<string | undefined> {
  const result = await dialog.showSaveDialog(parent, {
    title: 'Save Dossier',
    defaultPath: suggestedName,
    buttonLabel: 'Export',
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (result.canceled || !result.filePath) return undefined;
  return result.filePath.toLowerCase().endsWith('.pdf') ? result.filePath : `${result.filePath}.pdf`;
}

export function reportError(dialog: DialogApi, title: string, message: string): void {
  dialog.showErrorBox(title, message);
}
