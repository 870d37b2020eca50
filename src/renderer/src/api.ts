/*
 * The renderer's only door to the core. Inside Electron, calls go through the preload's IPC client;
 * in a browser served by the loopback bridge, over HTTP with the per-run token. Nothing else in the
 * renderer knows which: it imports `api` and `onEvent` from here.
 */
import { callPath, EVENTS_PATH, readEventFrames, TASK_HEADER, TOKEN_HEADER, tokenFromFragment } from '../../shared/api/bridge-wire';
import { createClient, type Api } from '../../shared/api/client';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { EventName, EventPayload, ProgressEvent } from '../../shared/api/events';
import { ApiError, type Result } from '../../shared/errors';

const TOKEN_KEY = 'casefolio.bridge-token';

/** Carries one call; a task id asks for the call's progress as `progress` events. */
type RawTransport = (name: CallName, payload: unknown, taskId?: string) => Promise<Result<unknown>>;

/**
 * The bridge prints an address with the token in its fragment (#token=…), which the browser never
 * sends to a server. It is kept for this tab's session (so a reload still works) and removed from the
 * address bar, so it does not end up in a screenshot or a bookmark.
 */
function bridgeToken(): string {
  const token = tokenFromFragment(window.location.hash);
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpTransport(token: string): RawTransport {
  return async (name, payload, taskId) => {
    let response: Response;
    try {
      response = await fetch(callPath(name), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token, ...(taskId ? { [TASK_HEADER]: taskId } : {}) },
        body: JSON.stringify(payload ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'IO_ERROR', message: 'Casefolio’s bridge is not answering. Is `npm run web` still running?' } };
    }
    if (response.status === 401) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This page has no valid access token. Open the address that `npm run web` printed.' } };
    }
    return (await response.json()) as Result<unknown>;
  };
}

type Listener = (payload: never) => void;
const listeners = new Map<EventName, Set<Listener>>();

function dispatchEvent(name: string, payload: unknown): void {
  for (const listener of listeners.get(name as EventName) ?? []) (listener as (p: unknown) => void)(payload);
}

/** Reads the bridge's Server-Sent Events with fetch, so the token travels in a header, not the URL. */
async function streamBridgeEvents(token: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(EVENTS_PATH, { headers: { [TOKEN_HEADER]: token } });
      if (!response.ok || !response.body) return;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const { events, rest } = readEventFrames(buffer + value);
        buffer = rest;
        for (const event of events) dispatchEvent(event.name, event.payload);
      }
    } catch {
      // the bridge went away or the network blipped: try again, a little later each time
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, 10_000)));
  }
}

function connect(): RawTransport {
  const preload = window.api;
  if (preload) {
    for (const name of preload.events) preload.on(name, (payload) => dispatchEvent(name, payload));
    return (name, payload, taskId) => preload.calls[name](payload, taskId);
  }
  const token = bridgeToken();
  void streamBridgeEvents(token);
  return httpTransport(token);
}

const transport = connect();

/** Where this window runs: the desktop app saves with its own dialog; a browser gets files as downloads. */
export const host: 'desktop' | 'browser' = window.api ? 'desktop' : 'browser';

export const api: Api = createClient((name, payload) => transport(name, payload));

let tasks = 0;

/** Makes a long call, passing each progress report it makes to `onProgress`. */
export async function callWithProgress<K extends CallName>(name: K, input: CallInput<K>, onProgress: (progress: ProgressEvent) => void): Promise<CallOutput<K>> {
  const taskId = `task-${Date.now().toString(36)}-${++tasks}`;
  const stop = onEvent('progress', (p) => {
    if (p.taskId === taskId) onProgress(p);
  });
  try {
    const result = await transport(name, input, taskId);
    if (!result.ok) throw ApiError.fromValue(result.error);
    return result.value as CallOutput<K>;
  } finally {
    stop();
  }
}

export function onEvent<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
  const set = listeners.get(name) ?? new Set<Listener>();
  listeners.set(name, set);
  set.add(listener as Listener);
  return () => set.delete(listener as Listener);
}

/** Reads a file the person chose or dropped, as base64 for the contract's attachments:add. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}
