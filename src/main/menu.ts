/*
 * The native menus. Items that act on the window's state send it a command (the window decides what
 * "New source" means for the case it shows); items that need the operating system (choosing a library
 * folder, revealing it) run here. No accelerator is given to Delete or the arrow keys: a menu accelerator
 * would take those keys away from text fields. Undo is the window's: it undoes typing inside a text
 * field and the last change to the library elsewhere.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../shared/api/events';

export interface MenuActions {
  command(command: AppCommand): void;
  openLibrary(): void;
  revealLibrary(): void;
}

export interface MenuOptions {
  isMac: boolean;
  isDev: boolean;
}

export function menuTemplate(actions: MenuActions, { isMac, isDev }: MenuOptions): MenuItemConstructorOptions[] {
  const send = (command: AppCommand) => () => actions.command(command);
  const theme = (label: string, command: AppCommand, checked = false): MenuItemConstructorOptions => ({ label, type: 'radio', checked, click: send(command) });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+Shift+N', click: send('new-case') },
        { type: 'separator' },
        { label: 'Open Library…', accelerator: 'CmdOrCtrl+O', click: actions.openLibrary },
        { label: 'Show Library Folder', click: actions.revealLibrary },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: send('settings') },
        { type: 'separator' },
        { label: 'Export Dossier…', accelerator: 'CmdOrCtrl+E', click: send('export-dossier') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit', label: 'E&xit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: 'Search and Jump…', accelerator: 'CmdOrCtrl+K', click: send('quick-search') },
      ],
    },
    {
      label: '&View',
      submenu: [
        { label: 'Cases and Tags', accelerator: 'CmdOrCtrl+1', click: send('focus-cases') },
        { label: 'Records', accelerator: 'CmdOrCtrl+2', click: send('focus-list') },
        { label: 'Editor', accelerator: 'CmdOrCtrl+3', click: send('focus-editor') },
        { label: 'Trash', accelerator: 'CmdOrCtrl+Shift+T', click: send('show-trash') },
        { type: 'separator' },
        {
          label: 'Theme',
          submenu: [theme('Follow System', 'theme-system', true), theme('Light', 'theme-light'), theme('Dark', 'theme-dark')],
        },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(isDev ? [{ type: 'separator' } as MenuItemConstructorOptions, { role: 'reload' } as MenuItemConstructorOptions, { role: 'toggleDevTools' } as MenuItemConstructorOptions] : []),
      ],
    },
    {
      label: '&Case',
      submenu: [
        { label: 'New Source', accelerator: 'CmdOrCtrl+N', click: send('new-source') },
        { label: 'New Note', accelerator: 'CmdOrCtrl+Alt+N', click: send('new-note') },
        { label: 'New Event', accelerator: 'CmdOrCtrl+Alt+E', click: send('new-event') },
        { type: 'separator' },
        { label: 'Export Dossier…', click: send('export-dossier') },
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'About Casefolio', click: send('about') }],
    },
  ];
  return template;
}
