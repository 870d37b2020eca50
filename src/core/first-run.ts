/*
 * Which library the app opens at start. The last one used, if it is still there; otherwise (first run,
 * or the folder was moved) the person chooses: the sample library, an empty library, or a folder of
 * their own. The decisions are here; the dialogs and the disk are passed in, so tests can drive it.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { LIBRARY_FILE } from './storage/library-store';

export type FirstRunChoice = 'sample' | 'empty' | 'choose' | 'quit';

export interface StartupDeps {
  /** The folder remembered from last time, if any. */
  rememberedDir?: string;
  /** Where a new library goes when the person does not choose a folder. */
  defaultDir: string;
  ask(reason: 'first-run' | 'missing', missingDir?: string): Promise<FirstRunChoice>;
  chooseFolder(): Promise<string | undefined>;
  createSample(dir: string): Promise<void>;
  createEmpty(dir: string): Promise<void>;
}

export async function isLibraryFolder(dir: string): Promise<boolean> {
  try {
    await access(path.join(dir, LIBRARY_FILE));
    return true;
  } catch {
    return false;
  }
}

/** The library folder to open, creating one when asked to; undefined when the person chose to quit. */
export async function resolveStartupLibrary(deps: StartupDeps): Promise<string | undefined> {
  const remembered = deps.rememberedDir;
  if (remembered && (await isLibraryFolder(remembered))) return remembered;
  if (!remembered && (await isLibraryFolder(deps.defaultDir))) return deps.defaultDir;
  for (;;) {
    const choice = await deps.ask(remembered ? 'missing' : 'first-run', remembered);
    if (choice === 'quit') return undefined;
    if (choice === 'choose') {
      const dir = await deps.chooseFolder();
      if (!dir) continue;
      if (!(await isLibraryFolder(dir))) await deps.createEmpty(dir);
      return dir;
    }
    const target = await freeFolder(deps.defaultDir);
    if (choice === 'sample') await deps.createSample(target);
    else await deps.createEmpty(target);
    return target;
  }
}

/** The default folder, or "library 2", "library 3"… beside it when something (not a library) is in the way. */
async function freeFolder(dir: string): Promise<string> {
  const exists = async (p: string) =>
    access(p).then(
      () => true,
      () => false,
    );
  if (!(await exists(dir))) return dir;
  for (let n = 2; ; n++) {
    const candidate = `${dir} ${n}`;
    if (!(await exists(candidate))) return candidate;
  }
}
