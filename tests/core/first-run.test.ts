import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveStartupLibrary, type StartupDeps } from '../../src/core/first-run';
import { boundsOnScreen, loadWindowState, saveWindowState } from '../../src/main/window-state';
import { tempDir } from '../helpers/temp-library';

vi.mock('electron', () => ({}));

async function libraryAt(dir: string) {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'library.json'), '{}');
  return dir;
}

function deps(over: Partial<StartupDeps>): StartupDeps {
  return {
    defaultDir: '/nonexistent/default',
    ask: vi.fn(async () => 'quit' as const),
    chooseFolder: vi.fn(async () => undefined),
    createSample: vi.fn(async () => undefined),
    createEmpty: vi.fn(async () => undefined),
    ...over,
  };
}

describe('choosing the library at start', () => {
  it('opens the remembered library without asking', async () => {
    const dir = await libraryAt(path.join(await tempDir(), 'lib'));
    const d = deps({ rememberedDir: dir });
    await expect(resolveStartupLibrary(d)).resolves.toBe(dir);
    expect(d.ask).not.toHaveBeenCalled();
  });

  it('on first run offers the sample library and builds it in the default folder', async () => {
    const defaultDir = path.join(await tempDir(), 'Casefolio', 'library');
    const d = deps({ defaultDir, ask: vi.fn(async () => 'sample' as const) });
    await expect(resolveStartupLibrary(d)).resolves.toBe(defaultDir);
    expect(d.ask).toHaveBeenCalledWith('first-run', undefined);
    expect(d.createSample).toHaveBeenCalledWith(defaultDir);
  });

  it('creates an empty library when asked, beside anything already in the way', async () => {
    const defaultDir = path.join(await tempDir(), 'library');
    await mkdir(defaultDir);
    await writeFile(path.join(defaultDir, 'notes.txt'), 'not a library');
    const d = deps({ defaultDir, ask: vi.fn(async () => 'empty' as const) });
    await expect(resolveStartupLibrary(d)).resolves.toBe(`${defaultDir} 2`);
    expect(d.createEmpty).toHaveBeenCalledWith(`${defaultDir} 2`);
  });

  it('asks again when the folder dialog is cancelled, and quits when told to', async () => {
    const answers = ['choose', 'quit'] as const;
    const d = deps({ ask: vi.fn(async () => answers[(d.ask as ReturnType<typeof vi.fn>).mock.calls.length - 1]) });
    await expect(resolveStartupLibrary(d)).resolves.toBeUndefined();
    expect(d.chooseFolder).toHaveBeenCalledTimes(1);
  });

  it('says when the remembered library has gone missing', async () => {
    const d = deps({ rememberedDir: '/gone/library' });
    await resolveStartupLibrary(d);
    expect(d.ask).toHaveBeenCalledWith('missing', '/gone/library');
  });
});

describe('window size and position', () => {
  it('is remembered across runs', async () => {
    const file = path.join(await tempDir(), 'window-state.json');
    await saveWindowState(file, { x: 10, y: 20, width: 1400, height: 900, maximized: true });
    await expect(loadWindowState(file)).resolves.toEqual({ x: 10, y: 20, width: 1400, height: 900, maximized: true });
  });

  it('falls back to a sensible default when the file is missing or damaged', async () => {
    const file = path.join(await tempDir(), 'window-state.json');
    await expect(loadWindowState(file)).resolves.toMatchObject({ width: 1280, height: 800 });
    await writeFile(file, '{"width": "wide"');
    await expect(loadWindowState(file)).resolves.toMatchObject({ width: 1280, height: 800 });
  });

  it('ignores a position on a display that is no longer connected', () => {
    const laptop = [{ x: 0, y: 0, width: 1440, height: 900 }];
    expect(boundsOnScreen({ x: 2000, y: 100, width: 1200, height: 800, maximized: false }, laptop)).toEqual({ width: 1200, height: 800 });
    expect(boundsOnScreen({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, laptop)).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(boundsOnScreen({ x: 0, y: 0, width: 3000, height: 2000, maximized: false }, laptop)).toEqual({ x: 0, y: 0, width: 1440, height: 900 });
  });
});
