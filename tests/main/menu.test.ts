import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../src/main/menu';

vi.mock('electron', () => ({}));

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const actions = () => ({ command: vi.fn(), openLibrary: vi.fn(), revealLibrary: vi.fn() });

describe('native menus', () => {
  it('has File, Edit, View, Case and Help', () => {
    const labels = menuTemplate(actions(), { isMac: false, isDev: false }).map((m) => m.label?.replace('&', ''));
    expect(labels).toEqual(['File', 'Edit', 'View', 'Case', 'Help']);
  });

  it('gives the usual shortcuts to the usual commands', () => {
    const a = actions();
    const items = flatten(menuTemplate(a, { isMac: false, isDev: false }));
    const byAccelerator = new Map(items.filter((i) => i.accelerator).map((i) => [i.accelerator, i]));
    const press = (accelerator: string) => (byAccelerator.get(accelerator)!.click as () => void)();
    press('CmdOrCtrl+K');
    press('CmdOrCtrl+Z');
    press('CmdOrCtrl+N');
    press('CmdOrCtrl+E');
    press('CmdOrCtrl+O');
    press('CmdOrCtrl+,');
    expect(a.command.mock.calls.map((c) => c[0])).toEqual(['quick-search', 'undo', 'new-source', 'export-dossier', 'settings']);
    expect(a.openLibrary).toHaveBeenCalled();
    const roles = items.map((i) => i.role).filter(Boolean);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'redo', 'quit', 'togglefullscreen']));
  });

  it('leaves Delete, Enter and the arrows to the window, so text fields keep them', () => {
    const accelerators = flatten(menuTemplate(actions(), { isMac: true, isDev: true })).map((i) => String(i.accelerator ?? ''));
    expect(accelerators.filter((a) => /^(Delete|Backspace|Enter|Up|Down|Left|Right)$/.test(a))).toEqual([]);
  });

  it('offers developer tools only while developing', () => {
    const roles = (isDev: boolean) => flatten(menuTemplate(actions(), { isMac: false, isDev })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
