/* The shape of what the preload exposes as window.api: declared here so the preload and the renderer's api.ts agree. */
import type { CallName } from './contract';
import type { EventName, EventPayload } from './events';
import type { Result } from '../errors';

export interface PreloadApi {
  /** Each call; a taskId makes a long call's progress arrive as `progress` events carrying it. */
  calls: { [K in CallName]: (payload: unknown, taskId?: string) => Promise<Result<unknown>> };
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  events: EventName[];
}
