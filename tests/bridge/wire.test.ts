/* The bridge's wire details, shared by the server and the page (shared/api/bridge-wire.ts). */
import { describe, expect, it } from 'vitest';
import { addressWithToken, callNameOf, callPath, downloadPath, downloadTicketOf, eventFrame, readEventFrames, tokenFromFragment } from '../../src/shared/api/bridge-wire';

describe('the bridge wire', () => {
  it('names a call by its path and reads the name back, refusing anything else', () => {
    expect(callNameOf(callPath('cases:list'))).toBe('cases:list');
    expect(callNameOf('/api/call/../events')).toBeUndefined();
    expect(callNameOf('/api/call/cases:list/x')).toBeUndefined();
    expect(callNameOf('/api/events')).toBeUndefined();
  });

  it('round-trips a download ticket and refuses a malformed one', () => {
    expect(downloadTicketOf(downloadPath('abcdefghijklmnopqrstuvwx'))).toBe('abcdefghijklmnopqrstuvwx');
    expect(downloadTicketOf('/download/short')).toBeUndefined();
    expect(downloadTicketOf('/download/../../etc/passwd')).toBeUndefined();
  });

  it('puts the token in the fragment of the printed address and reads it back there', () => {
    const address = addressWithToken('http://127.0.0.1:4321', 'tok_EN-123');
    expect(address).toBe('http://127.0.0.1:4321/#token=tok_EN-123');
    expect(tokenFromFragment(new URL(address).hash)).toBe('tok_EN-123');
    expect(tokenFromFragment('#other=1')).toBeUndefined();
  });

  it('frames events and reads them back across chunk boundaries', () => {
    const stream = eventFrame('progress', { taskId: 't1', done: 1 }) + eventFrame('progress', { taskId: 't1', done: 2 });
    const first = readEventFrames(stream.slice(0, 30));
    expect(first.events).toEqual([]);
    const second = readEventFrames(first.rest + stream.slice(30));
    expect(second.events).toEqual([
      { name: 'progress', payload: { taskId: 't1', done: 1 } },
      { name: 'progress', payload: { taskId: 't1', done: 2 } },
    ]);
    expect(second.rest).toBe('');
  });
});
