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
import { noteDerivedList } from './record-diff';

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
 * A draft's list: a fresh array holding the stored records, behind a proxy that puts a stand-in in place of
 * a stored record only when the change reads that position. Making a stand-in for each of a 5,000-record
 * list up front (and unwrapping them all afterwards) was most of what an edit of one record cost at that
 * size; now an edit that replaces one record by its index touches nothing else. Values the change puts
 * in the list (a record it made) are handed back as they are, as before.
 */
interface DraftList {
  /** The stored list the draft started from. */
  base: readonly object[];
  items: unknown[];
  /** Positions the change wrote to; undefined once it did what a set of positions cannot say (removed one). */
  written: Set<number> | undefined;
  /** How many stand-ins the change has been handed: none means `items` holds plain records only. */
  standIns: number;
  placed: WeakSet<object>;
}

const draftLists = new WeakMap<object, DraftList>();

const isIndex = (key: string | symbol): key is string => typeof key === 'string' && key.length > 0 && key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57;

/** The value at `key`, a stored record there first replaced by its stand-in. */
function reachItem(list: DraftList, key: string): unknown {
  const value = list.items[key as unknown as number];
  if (typeof value !== 'object' || value === null || list.placed.has(value) || stateOf(value)) return value;
  const standIn = standInFor(value);
  list.items[key as unknown as number] = standIn;
  list.standIns++;
  return standIn;
}

/**
 * Keeps `standIns` from falling below the stand-ins `items` holds as the change writes `value` over `old`:
 * a stand-in moved (sorting) is counted again where it lands, one written over is let go. Removals through
 * `length` are not counted, which only costs finishDraft a walk it could have skipped.
 */
function count(list: DraftList, old: unknown, value: unknown): void {
  if (typeof old === 'object' && old !== null && stateOf(old)) list.standIns--;
  if (typeof value !== 'object' || value === null) return;
  if (stateOf(value)) list.standIns++;
  else list.placed.add(value);
}

function draftListOf(stored: readonly object[]): unknown[] {
  const list: DraftList = { base: stored, items: stored.slice(), written: new Set(), standIns: 0, placed: new WeakSet() };
  const write = (key: string | symbol, value: unknown) => {
    if (!isIndex(key)) return;
    count(list, list.items[key as unknown as number], value);
    list.written?.add(Number(key));
  };
  const proxy = new Proxy(list.items, {
    get: (items, key, receiver) => (isIndex(key) ? reachItem(list, key) : Reflect.get(items, key, receiver)),
    set: (items, key, value) => {
      write(key, value);
      return Reflect.set(items, key, value);
    },
    defineProperty: (items, key, descriptor) => {
      write(key, descriptor.value);
      return Reflect.defineProperty(items, key, descriptor);
    },
    deleteProperty: (items, key) => {
      list.written = undefined;
      return Reflect.deleteProperty(items, key);
    },
    getOwnPropertyDescriptor: (items, key) => {
      if (isIndex(key) && Object.hasOwn(items, key)) reachItem(list, key); // Object.values and the like never see a stored record
      return Reflect.getOwnPropertyDescriptor(items, key);
    },
  });
  draftLists.set(proxy, list);
  return proxy;
}

/**
 * A writable draft of a stored case file. Each of its lists is made when the change first reaches it, so an
 * edit to a note never touches the case's sources or events, and its case record is copied only if written.
 */
export function draftOf(file: CaseFile): CaseFile {
  // The case record is a stand-in too: an edit of one note neither copies it nor has its copy compared afterwards.
  const draft = { ...file, case: standInFor(file.case) };
  for (const key of COLLECTIONS) {
    const settle = (value: unknown) => Object.defineProperty(draft, key, { value, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(draft, key, {
      enumerable: true,
      configurable: true,
      get: () => {
        const records = draftListOf(file[key]);
        settle(records);
        return records;
      },
      set: settle,
    });
  }
  draftedFrom.set(draft, file);
  return draft;
}

/**
 * The stored list a draft's `key` still is when the change has not reached it (read-only: never change it),
 * else undefined. Lets a check read a list without making the draft's copy of it.
 */
export function untouchedList<K extends (typeof COLLECTIONS)[number]>(draft: CaseFile, key: K): Readonly<CaseFile[K]> | undefined {
  const stored = draftedFrom.get(draft);
  return stored && Object.getOwnPropertyDescriptor(draft, key)?.get ? stored[key] : undefined;
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
  file.case = plain(file.case);
  for (const key of COLLECTIONS) {
    // An array the change never reached is the stored one itself.
    if (stored && Object.getOwnPropertyDescriptor(file, key)?.get) (file as Record<typeof key, unknown>)[key] = stored[key];
    else if (Array.isArray(file[key])) {
      const list = draftLists.get(file[key]);
      // A list whose stored records were never reached holds plain records already: no walk over them.
      if (list && list.standIns === 0) {
        if (list.written) noteDerivedList(list.items, list.base, [...list.written]);
        (file as Record<typeof key, unknown[]>)[key] = list.items;
      } else (file as Record<typeof key, unknown[]>)[key] = file[key].map(plain);
    }
  }
}

/** A change's result without stand-ins (records returned from a draft), down to the fields of an object or the items of an array. */
export function plainResult<T>(result: T): T {
  if (typeof result !== 'object' || result === null || stateOf(result)) return plain(result);
  if (Array.isArray(result)) return result.map(plain) as T;
  if (Object.getPrototypeOf(result) !== Object.prototype) return result;
  return Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Array.isArray(v) ? v.map(plain) : plain(v)])) as T;
}
