/*
 * The single gate every call passes through, whatever carried it (IPC, HTTP, the CLI, tests): the name
 * is checked against the contract, the payload parsed with the call's schema, and every failure, thrown
 * or not, comes back as a value with a code. Nothing a window sends can make an exception escape here.
 */
import { z } from 'zod';
import { ApiError, type ErrorValue, type Result } from '../errors';
import { systemErrorSentence } from '../system-errors';
import { contract, isCallName, type CallName, type CallOutput, type ParsedInput } from './contract';
import type { CallProgress } from './types';

/** What a transport can offer a call besides its input: a way to report progress of long calls (dossier:export). */
export interface CallContext {
  progress?: (progress: CallProgress) => void;
}

export type Handlers = { [K in CallName]: (input: ParsedInput<K>, context?: CallContext) => Promise<CallOutput<K>> };

export async function dispatch(handlers: Handlers, name: unknown, payload: unknown, context: CallContext = {}): Promise<Result<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'INVALID_INPUT', message: `There is no call named ${JSON.stringify(String(name)).slice(0, 80)}.` } };
  }
  const parsed = contract[name].input.safeParse(payload);
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  try {
    const handler = handlers[name] as (input: unknown, context: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, context);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorValue(error) };
  }
}

export function invalidInput(error: z.ZodError): ErrorValue {
  const issues = error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : '';
  return { code: 'INVALID_INPUT', message: `${where}${first?.message ?? 'The input is not valid.'}`, details: { issues } };
}

export function toErrorValue(error: unknown): ErrorValue {
  if (error instanceof ApiError) return error.toValue();
  if (error instanceof z.ZodError) return invalidInput(error);
  const system = systemErrorSentence(error);
  if (system) return { code: 'IO_ERROR', message: system };
  return { code: 'INTERNAL', message: `Something went wrong inside Casefolio: ${error instanceof Error ? error.message : String(error)}` };
}
