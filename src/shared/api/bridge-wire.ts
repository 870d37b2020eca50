/*
 * How the loopback bridge (src/bridge) and the page it serves (src/renderer/src/api.ts) talk over HTTP: the
 * paths, the header names, the token's place in the printed address and the framing of server-sent events.
 * Declared once here so the two sides cannot drift apart; both import it.
 */
import type { CallName } from './contract';

/** The per-run token, sent on every /api request. Header names are matched case-insensitively (Node lower-cases them). */
export const TOKEN_HEADER = 'x-casefolio-token';
/** Names the task a long call's progress events belong to (chosen by the page). */
export const TASK_HEADER = 'x-casefolio-task';

export const API_PREFIX = '/api/';
export const EVENTS_PATH = '/api/events';
const CALL_PREFIX = '/api/call/';
export const DOWNLOAD_PREFIX = '/download/';

/** The path a contract call is posted to. */
export function callPath(name: CallName): string {
  return `${CALL_PREFIX}${name}`;
}

/** The call a path names, or undefined; the name's form is checked here, whether it exists is the contract's business. */
export function callNameOf(pathname: string): string | undefined {
  if (!pathname.startsWith(CALL_PREFIX)) return undefined;
  const name = pathname.slice(CALL_PREFIX.length);
  return /^[a-z]+:[A-Za-z]+$/.test(name) ? name : undefined;
}

/** The short-lived address a finished dossier is offered at (the page cannot put its token on a link it opens). */
export function downloadPath(ticket: string): string {
  return `${DOWNLOAD_PREFIX}${ticket}`;
}

export function downloadTicketOf(pathname: string): string | undefined {
  if (!pathname.startsWith(DOWNLOAD_PREFIX)) return undefined;
  const ticket = pathname.slice(DOWNLOAD_PREFIX.length);
  return /^[A-Za-z0-9_-]{16,64}$/.test(ticket) ? ticket : undefined;
}

/**
 * The token travels in the printed address's #fragment, which a browser never sends to a server. The page
 * reads it back with `tokenFromFragment`.
 */
export function addressWithToken(origin: string, token: string): string {
  return `${origin}/#token=${token}`;
}

export function tokenFromFragment(hash: string): string | undefined {
  return /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(hash)?.[1];
}

/** One server-sent event frame. */
export function eventFrame(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** Splits complete frames off the front of a buffer; `rest` is what is still incomplete. */
export function readEventFrames(buffer: string): { events: { name: string; payload: unknown }[]; rest: string } {
  const events: { name: string; payload: unknown }[] = [];
  let rest = buffer;
  let end: number;
  while ((end = rest.indexOf('\n\n')) >= 0) {
    const frame = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const name = /^event: (.+)$/m.exec(frame)?.[1];
    const data = /^data: (.+)$/m.exec(frame)?.[1];
    if (name && data) events.push({ name, payload: JSON.parse(data) });
  }
  return { events, rest };
}
