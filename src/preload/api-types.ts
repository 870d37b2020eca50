/* The shape of what the preload exposes as window.api: shared by the preload and the renderer's api.ts. */
import type { CallName } from '../shared/api/contract';
import type { EventName, EventPayload } from '../shared/api/events';
import type { Result } from '../shared/errors';

export interface PreloadApi {
  calls: { [K in CallName]: (payload: unknown) => Promise<Result<unknown>> };
  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void;
  events: EventName[];
}
