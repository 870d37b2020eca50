/*
 * What every record editor shares: turning what was typed into the contract's fields, checking them
 * with the domain's own schemas (so the messages beside each field are the ones the core would give),
 * and working out the smallest patch to send.
 */
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../../shared/errors';
import { parsePartialDate, type PartialDate } from '../../../shared/partial-date';

export type FieldErrors = Record<string, string>;

/** Issues keyed by the field they belong to ("authors.0.family" → "authors"), first message wins. */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[] | string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = typeof issue.path === 'string' ? issue.path.split('.') : issue.path.map(String);
    const parts = path[0] === 'fields' || path[0] === 'patch' ? path.slice(1) : path;
    const key = parts[0] ?? 'form';
    errors[key] ??= issue.message;
  }
  return errors;
}

export function validate<S extends z.ZodType>(schema: S, fields: unknown): { ok: true; value: z.output<S> } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(fields);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: issuesToErrors(parsed.error.issues) };
}

/** Field errors from a failed call: the contract's validation details when it has them, else a form-level message. */
export function errorsFromCall(error: unknown): FieldErrors {
  if (error instanceof ApiError && error.code === 'INVALID_INPUT') {
    const details = error.details as { issues?: { path: string; message: string }[] } | undefined;
    if (details?.issues?.length) return issuesToErrors(details.issues);
  }
  return { form: error instanceof Error ? error.message : String(error) };
}

export const DATE_HELP = 'Type a date as you would write it: 2022, June 2022, 28 June 2022, 28/06/2022, c. 2021.';

/** A typed date: empty is "no date", unreadable text is an error for that field. */
export function readDate(text: string, field: string, errors: FieldErrors): PartialDate | undefined {
  if (!text.trim()) return undefined;
  const date = parsePartialDate(text);
  if (!date) errors[field] = `“${text.trim()}” is not a date Casefolio can read. ${DATE_HELP}`;
  return date;
}

export const optional = (text: string | undefined) => (text && text.trim() ? text.trim() : undefined);

/**
 * The patch that turns `current` into `next`: changed fields, and null for fields `next` leaves out
 * that `current` had. Only the keys in `keys` are compared.
 */
export function diffPatch(current: Record<string, unknown>, next: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of keys) {
    const before = current[key];
    const after = next[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    patch[key] = after === undefined ? null : after;
  }
  return patch;
}

/** Form values with a dirty flag, reset whenever the record shown changes (keyed by `identity`). */
export function useFormValues<V>(identity: string, initial: () => V) {
  const [state, setState] = useState(() => ({ identity, values: initial(), dirty: false, errors: {} as FieldErrors }));
  let current = state;
  if (state.identity !== identity) {
    current = { identity, values: initial(), dirty: false, errors: {} };
    setState(current);
  }
  const set = useCallback(<K extends keyof V>(key: K, value: V[K]) => {
    setState((s) => {
      const errors = { ...s.errors };
      delete errors[key as string];
      delete errors.form;
      return { ...s, values: { ...s.values, [key]: value }, dirty: true, errors };
    });
  }, []);
  const setErrors = useCallback((errors: FieldErrors) => setState((s) => ({ ...s, errors })), []);
  const reset = useCallback(() => setState({ identity, values: initial(), dirty: false, errors: {} }), [identity, initial]);
  return { values: current.values, dirty: current.dirty, errors: current.errors, set, setErrors, reset };
}
