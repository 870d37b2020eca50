/*
 * A typed client for the contract over any transport that carries (name, payload) and answers with a
 * Result. Errors come back as values and are re-thrown here as ApiError, so callers use try/catch.
 */
import { ApiError, type Result } from '../errors';
import { CALL_NAMES, type CallInput, type CallName, type CallOutput } from './contract';
import type { CallContext } from './dispatch';

export type Transport = (name: CallName, payload: unknown, context?: CallContext) => Promise<Result<unknown>>;
export type Api = { [K in CallName]: (input: CallInput<K>, context?: CallContext) => Promise<CallOutput<K>> };

export function createClient(transport: Transport): Api {
  const api = {} as Record<CallName, (input: unknown, context?: CallContext) => Promise<unknown>>;
  for (const name of CALL_NAMES) {
    api[name] = async (input, context) => {
      const result = await transport(name, input, context);
      if (!result.ok) throw ApiError.fromValue(result.error);
      return result.value;
    };
  }
  return api as unknown as Api;
}
