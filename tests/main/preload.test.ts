import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { PreloadApi } from '../../src/shared/api/window-api';
import { CALL_NAMES } from '../../src/shared/api/contract';

const exposed = new Map<string, unknown>();
const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 'answer' })), on: vi.fn(), removeListener: vi.fn() };

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer,
}));

let api: PreloadApi;
beforeAll(async () => {
  await import('../../src/preload/index');
  api = exposed.get('api') as PreloadApi;
});

describe('the preload', () => {
  it('exposes only `api` to the window: the contract calls and its events, nothing of ipcRenderer', () => {
    expect([...exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api).sort()).toEqual(['calls', 'events', 'on']);
    expect(Object.keys(api.calls).sort()).toEqual([...CALL_NAMES].sort());
    expect(api.events.sort()).toEqual(['command', 'progress']);
  });

  it('sends each call on the channel of its own name', async () => {
    await expect(api.calls['cases:get']({ caseId: 'child-q' })).resolves.toEqual({ ok: true, value: 'answer' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('cases:get', { caseId: 'child-q' }, undefined);
  });

  it('passes a task id along, so a long call can report its progress', async () => {
    await api.calls['dossier:export']({}, 'task-1');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('dossier:export', {}, 'task-1');
    await api.calls['dossier:export']({}, { toString: () => 'x' } as never);
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith('dossier:export', {}, undefined);
  });

  it('delivers event payloads without the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const off = api.on('progress', listener);
    const [channel, wrapped] = ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, p: unknown) => void];
    expect(channel).toBe('event:progress');
    wrapped({ sender: 'ipc internals' }, { taskId: 't1', phase: 'Laying out', done: 1, total: 2 });
    expect(listener).toHaveBeenCalledWith({ taskId: 't1', phase: 'Laying out', done: 1, total: 2 });
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('event:progress', wrapped);
  });

  it('refuses to listen on a channel that is not a declared event', () => {
    expect(() => api.on('ELECTRON_BROWSER_REQUIRE' as never, vi.fn())).toThrow(TypeError);
  });
});
