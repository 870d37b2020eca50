/*
 * Binds the contract to ipcMain.handle: one channel per call, named by the call. Each call is checked
 * for its sender (the top frame of our own window) before anything else, then goes through `dispatch`,
 * which validates the input and turns every failure into an error value. Handlers are looked up per
 * call, so switching libraries swaps them without re-registering anything.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CALL_NAMES } from '../shared/api/contract';
import { dispatch, type Handlers } from '../shared/api/dispatch';
import { eventChannel, TaskId } from '../shared/api/events';
import type { Result } from '../shared/errors';

export interface ContractBinding {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  handlers: () => Handlers | undefined;
  isTrusted: (event: IpcMainInvokeEvent) => boolean;
}

const bound = new WeakMap<object, Set<string>>();

export const UNTRUSTED_SENDER: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Refused: the call did not come from Casefolio’s own window.' },
};
export const NO_LIBRARY: Result<never> = {
  ok: false,
  error: { code: 'LIBRARY_NOT_FOUND', message: 'No library is open. Choose File › Open Library… to open one.' },
};

/** Registers every call; registering a name twice (here or anywhere) throws at start-up. */
export function bindContract({ ipcMain, handlers, isTrusted }: ContractBinding): () => void {
  const names = bound.get(ipcMain) ?? new Set<string>();
  bound.set(ipcMain, names);
  for (const name of CALL_NAMES) {
    if (names.has(name)) throw new Error(`The call ${name} is already bound to IPC; each call is registered once.`);
  }
  for (const name of CALL_NAMES) {
    names.add(name);
    ipcMain.handle(name, async (event, payload: unknown, taskId: unknown) => {
      if (!isTrusted(event)) return UNTRUSTED_SENDER;
      const current = handlers();
      if (!current) return NO_LIBRARY;
      // A long call reports progress to the window that made it, tagged with the task id it chose.
      const task = TaskId.safeParse(taskId);
      const progress = task.success
        ? (p: { phase: string; done: number; total: number }) => {
            if (!event.sender.isDestroyed()) event.sender.send(eventChannel('progress'), { taskId: task.data, ...p });
          }
        : undefined;
      return dispatch(current, name, payload, { progress });
    });
  }
  return () => {
    for (const name of CALL_NAMES) {
      ipcMain.removeHandler(name);
      names.delete(name);
    }
  };
}
