import { describe, expect, it, vi } from 'vitest';
import { bindContract } from '../../src/main/ipc';
import { CALL_NAMES } from '../../src/shared/api/contract';
import type { Handlers } from '../../src/shared/api/dispatch';

vi.mock('electron', () => ({}));

type Handle = (event: unknown, payload: unknown, taskId?: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const channels = new Map<string, Handle>();
  return {
    channels,
    handle: vi.fn((name: string, handler: Handle) => {
      if (channels.has(name)) throw new Error(`second handler for ${name}`);
      channels.set(name, handler);
    }),
    removeHandler: vi.fn((name: string) => channels.delete(name)),
  };
}

const cases = [{ id: 'case_0001', title: 'A case' }];
const handlers = { 'cases:list': vi.fn(async () => cases) } as unknown as Handlers;

describe('binding the contract to ipcMain', () => {
  it('registers exactly one channel per call in the contract', () => {
    const ipcMain = fakeIpcMain();
    bindContract({ ipcMain, handlers: () => handlers, isTrusted: () => true });
    expect([...ipcMain.channels.keys()].sort()).toEqual([...CALL_NAMES].sort());
  });

  it('throws at start-up when the contract is bound twice', () => {
    const ipcMain = fakeIpcMain();
    bindContract({ ipcMain, handlers: () => handlers, isTrusted: () => true });
    expect(() => bindContract({ ipcMain, handlers: () => handlers, isTrusted: () => true })).toThrow(/already bound/);
  });

  it('answers a trusted call through dispatch, as a value', async () => {
    const ipcMain = fakeIpcMain();
    bindContract({ ipcMain, handlers: () => handlers, isTrusted: () => true });
    await expect(ipcMain.channels.get('cases:list')!({}, {})).resolves.toEqual({ ok: true, value: cases });
  });

  it('validates input before any handler runs', async () => {
    const ipcMain = fakeIpcMain();
    bindContract({ ipcMain, handlers: () => handlers, isTrusted: () => true });
    const result = await ipcMain.channels.get('cases:list')!({}, { unexpected: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('refuses a call from anywhere but our window, without running the handler', async () => {
    const ipcMain = fakeIpcMain();
    const list = vi.fn(async () => cases);
    const isTrusted = vi.fn(() => false);
    bindContract({ ipcMain, handlers: () => ({ 'cases:list': list }) as unknown as Handlers, isTrusted });
    const event = { sender: 'someone else' };
    const result = await ipcMain.channels.get('cases:list')!(event, {});
    expect(isTrusted).toHaveBeenCalledWith(event);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(list).not.toHaveBeenCalled();
  });

  it('says so when no library is open', async () => {
    const ipcMain = fakeIpcMain();
    bindContract({ ipcMain, handlers: () => undefined, isTrusted: () => true });
    await expect(ipcMain.channels.get('cases:list')!({}, {})).resolves.toMatchObject({ ok: false, error: { code: 'LIBRARY_NOT_FOUND' } });
  });

  it('sends a long call’s progress to the window that made it, tagged with its task id', async () => {
    const ipcMain = fakeIpcMain();
    const slow = vi.fn(async (_input: unknown, context?: { progress?: (p: unknown) => void }) => {
      context?.progress?.({ phase: 'layout', done: 1, total: 4 });
      return cases;
    });
    bindContract({ ipcMain, handlers: () => ({ 'cases:list': slow }) as unknown as Handlers, isTrusted: () => true });
    const sender = { send: vi.fn(), isDestroyed: () => false };
    await ipcMain.channels.get('cases:list')!({ sender }, {}, 'task-7');
    expect(sender.send).toHaveBeenCalledWith('event:progress', { taskId: 'task-7', phase: 'layout', done: 1, total: 4 });
    sender.send.mockClear();
    await (ipcMain.channels.get('cases:list') as unknown as (e: unknown, p: unknown, t: unknown) => Promise<unknown>)({ sender }, {}, '../not a task id');
    expect(sender.send).not.toHaveBeenCalled();
  });

  it('can be unbound, and then bound again', () => {
    const ipcMain = fakeIpcMain();
    const unbind = bindContract({ ipcMain, handlers: () => handlers, isTrusted: () => true });
    unbind();
    expect(ipcMain.channels.size).toBe(0);
    expect(() => bindContract({ ipcMain, handlers: () => handlers, isTrusted: () => true })).not.toThrow();
  });
});
