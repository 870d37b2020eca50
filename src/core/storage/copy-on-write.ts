/*
 * Copy-on-write drafts of a case file. A change works on a draft, never on the stored version (which the undo
 * history and the search index share); copying a whole 5,000-record case for every edit took longer than
 * the save itself. So a draft's arrays are fresh, but each record in them is a stand-in for the stored record
 * that reads through to it until the change writes to it, or reaches one of its objects or arrays (which it
 * might change in place), at which point the record alone is copied. `finishDraft` then puts the stored
 * record back wherever nothing was copied, so unchanged records keep their identity (validation, the
 * change log and the journal tell unchanged records by it) and no stand-in outlives the change.
 */
import type { CaseFile } from '../../shared/domain';

interface StandIn {
  original: object;
  copy?: object;
}

/** Asked of a stand-in, gives its state; asked of anything else, undefined. */
const STATE = Symbol('stand-in state');

const copyOf = (state: StandIn): object => (state.copy ??= structuredClone(state.original));
const currentOf = (state: StandIn): object => state.copy ?? state.original;

/**
 * One handler for every stand-in, whose target is its state: a draft of a 5,000-record case makes 5,000
 * stand-ins when a change reads a whole list, and a proxy with closures of its own each cost more than the save.
 */
const standInHandler: ProxyHandler<StandIn> = {
  get(state, key) {
    if (key === STATE) return state;
    if (state.copy) return Reflect.get(state.copy, key);
    const value = Reflect.get(state.original, key);
    // An object or array could be changed in place by whoever holds it: hand out the copy's.
    return typeof value === 'object' && value !== null ? Reflect.get(copyOf(state), key) : value;
  },
  set: (state, key, value) => Reflect.set(copyOf(state), key, value),
  deleteProperty: (state, key) => Reflect.deleteProperty(copyOf(state), key),
  defineProperty: (state, key, descriptor) => Reflect.defineProperty(copyOf(state), key, descriptor),
  has: (state, key) => Reflect.has(currentOf(state), key),
  ownKeys: (state) => Reflect.ownKeys(currentOf(state)),
  getOwnPropertyDescriptor: (state, key) => Reflect.getOwnPropertyDescriptor(currentOf(state), key),
};

function standInFor<T extends object>(original: T): T {
  return new Proxy<StandIn>({ original }, standInHandler) as unknown as T;
}

function stateOf(value: object): StandIn | undefined {
  return (value as { [STATE]?: StandIn })[STATE];
}

const COLLECTIONS = ['sources', 'notes', 'events'] as const;
const draftedFrom = new WeakMap<CaseFile, CaseFile>();

/**
 * A writable draft of a stored case file. Each of its arrays is made (stand-ins and all) when the change first
 * reaches it, so an edit to a note never touches the case's sources or events.
 */
export function draftOf(file: CaseFile): CaseFile {
  const draft = { ...file, case: structuredClone(file.case) };
  for (const key of COLLECTIONS) {
    const settle = (value: unknown) => Object.defineProperty(draft, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(draft, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const records = file[key].map(standInFor);
        settle(records);
        return records;
      },
      set: settle,
    });
  }
  draftedFrom.set(draft, file);
  return draft;
}

/** A plain value for a stand-in (the stored record if untouched, else its copy); anything else as it is. */
export function plain<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const state = stateOf(value);
  return state ? (currentOf(state) as T) : value;
}

/** Replaces every stand-in in a draft's arrays by a plain record, once the change has run. */
export function finishDraft(file: CaseFile): void {
  const stored = draftedFrom.get(file);
  for (const key of COLLECTIONS) {
    // An array the change never reached is the stored one itself.
    if (stored && Object.getOwnPropertyDescriptor(file, key)?.get) (file as Record<typeof key, unknown>)[key] = stored[key];
    else if (Array.isArray(file[key])) (file as Record<typeof key, unknown[]>)[key] = file[key].map(plain);
  }
}

/** A change's result without stand-ins (records returned from a draft), down to the fields of an object or the items of an array. */
export function plainResult<T>(result: T): T {
  if (typeof result !== 'object' || result === null || stateOf(result)) return plain(result);
  if (Array.isArray(result)) return result.map(plain) as T;
  if (Object.getPrototypeOf(result) !== Object.prototype) return result;
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Array.isArray(v) ? v.map(plain) : plain(v)])) as T;
}
