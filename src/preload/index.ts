/*
 * The sandboxed preload: exposes to the window exactly the contract's calls and events, nothing else —
 * no ipcRenderer, no generic send, no Node. Each call is a function that invokes the channel of the same
 * name and resolves to a Result value; errors are values, because Error objects do not survive the
 * context bridge intact.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CALL_NAMES } from '../shared/api/contract';
import { EVENT_NAMES, eventChannel, isEventName } from '../shared/api/events';
import type { PreloadApi } from '../shared/api/window-api';

const calls = Object.fromEntries(
  CALL_NAMES.map((name) => [name, (payload: unknown, taskId?: string) => ipcRenderer.invoke(name, payload, typeof taskId === 'string' ? taskId : undefined)]),
) as PreloadApi['calls'];

const api: PreloadApi = {
  calls,
  on(name, listener) {
    if (!isEventName(name) || typeof listener !== 'function') throw new TypeError('Unknown event.');
    // The IPC event object (with its sender) is never handed to the page: only the payload.
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(eventChannel(name), wrapped);
    return () => {
      ipcRenderer.removeListener(eventChannel(name), wrapped);
    };
  },
  events: [...EVENT_NAMES],
};

contextBridge.exposeInMainWorld('api', api);
