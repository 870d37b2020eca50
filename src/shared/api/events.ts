/*
 * Events the core or the shell sends to the window without being asked: the other half of the contract.
 * Declared once here, like the calls; the Electron binding (webContents.send), the preload, the bridge
 * (Server-Sent Events) and the renderer's api.ts are derived from this map.
 *
 *   progress  a long task (a dossier export) reporting how far it has got. The caller chooses the taskId
 *             and passes it in the call's input, so it can match events to the call it made.
 *   command   a native menu item or shortcut the window should act on (Electron only; the browser has
 *             no native menu, and the same actions are reachable from the window's own controls).
 */
import { z } from 'zod';

export const TaskId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a valid task id.');

export const ProgressEvent = z.object({
  taskId: TaskId,
  /** What is happening, in words a person can read: "Laying out sources". */
  phase: z.string().max(200),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;

export const APP_COMMANDS = [
  'new-case',
  'new-source',
  'new-note',
  'new-event',
  'quick-search',
  'undo',
  'export-dossier',
  'show-trash',
  'focus-cases',
  'focus-list',
  'focus-editor',
  'theme-system',
  'theme-light',
  'theme-dark',
  'settings',
  'about',
] as const;
export const AppCommand = z.enum(APP_COMMANDS);
export type AppCommand = z.infer<typeof AppCommand>;
export const CommandEvent = z.object({ command: AppCommand });
export type CommandEvent = z.infer<typeof CommandEvent>;

export const events = {
  progress: ProgressEvent,
  command: CommandEvent,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.infer<(typeof events)[K]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** Something that can deliver events to the window(s): webContents.send in Electron, SSE in the bridge. */
export type EventSink = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** The IPC channel an event travels on from main to the window (a call's channel is its own name). */
export const eventChannel = (name: EventName) => `event:${name}`;
