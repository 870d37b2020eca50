/*
 * Remembers the window's size, position and maximised state between runs, in a small JSON file in the
 * app's user-data folder. A remembered position is used only if it is still on a connected display
 * (a laptop undocked from its second monitor must not open the window off-screen).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { WindowBounds } from './window';

const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_STATE: WindowState = { width: 1280, height: 800, maximized: false };

export async function loadWindowState(file: string): Promise<WindowState> {
  try {
    const parsed = WindowState.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : DEFAULT_STATE;
  } catch {
    return DEFAULT_STATE;
  }
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp`;
  await writeFile(temp, JSON.stringify(state, null, 2));
  await rename(temp, file);
}

/** The bounds to open with: the remembered ones if at least 100×50 px of the title area is on a display. */
export function boundsOnScreen(state: WindowState, workAreas: Rect[]): WindowBounds {
  const primary = workAreas[0];
  const width = primary ? Math.min(state.width, primary.width) : state.width;
  const height = primary ? Math.min(state.height, primary.height) : state.height;
  if (state.x === undefined || state.y === undefined) return { width, height };
  const { x, y } = state;
  const visible = workAreas.some((a) => {
    const overlapX = Math.min(x + width, a.x + a.width) - Math.max(x, a.x);
    const overlapY = Math.min(y + 50, a.y + a.height) - Math.max(y, a.y);
    return overlapX >= 100 && overlapY >= 50;
  });
  return visible ? { x, y, width, height } : { width, height };
}

/** The state to remember: normal bounds even when maximised, so un-maximising next time restores them. */
export function stateOf(win: { getNormalBounds(): Rect; isMaximized(): boolean }): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}
