/*
 * What the desktop app remembers about itself (not about a library): which library folder it last used.
 * Kept in the user-data folder beside the window state; a missing or unreadable file means "first run".
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

const AppSettings = z.object({ libraryDir: z.string().min(1).max(4096).optional() });
export type AppSettings = z.infer<typeof AppSettings>;

export async function loadAppSettings(file: string): Promise<AppSettings> {
  try {
    const parsed = AppSettings.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export async function saveAppSettings(file: string, settings: AppSettings): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, JSON.stringify(settings, null, 2));
  await rename(temp, file);
}
