/*
 * The three-way merge of one JSON document (a case.json or library.json) by record id and by field.
 * Git's text merge knows lines; a case file's records are objects in arrays, so two people adding notes
 * to one case would collide on the same closing bracket. Here:
 *   - arrays of objects with an `id` (or, for the tag vocabulary, a `path`) are merged record by record:
 *     added on either side is kept, deleted on one side and untouched on the other is deleted;
 *   - records on both sides are merged field by field; arrays of plain values (a record's tags) as sets;
 *   - `updatedAt` takes the later time and is never a conflict;
 *   - the same field changed differently on both sides, or a record edited on one side and deleted (or moved
 *     to the trash) on the other, is a conflict: both versions are reported, and the merged document keeps
 *     OURS for a field and the EDITED record for edit-versus-delete, so nothing disappears until a person says so.
 * The merge is a pure function of (base, ours, theirs): re-running an interrupted sync gives the same result.
 */
import { sameData } from '../same-data';

export interface RawConflict {
  /** Where the record is: the top-level key of the document ('sources', 'case', 'tags', 'settings'…). */
  collection: string;
  recordId: string;
  recordTitle: string;
  /** The field (dotted below the record); absent for edit-versus-delete. */
  field?: string;
  ours: unknown;
  theirs: unknown;
}

type Json = unknown;
type Obj = Record<string, Json>;

const isObject = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const keyOf = (v: Json): string | undefined => (isObject(v) ? (typeof v.id === 'string' ? v.id : typeof v.path === 'string' ? v.path : undefined) : undefined);
const isKeyedArray = (v: Json): v is Obj[] => Array.isArray(v) && v.every((x) => keyOf(x) !== undefined);
const isPlainArray = (v: Json): v is Json[] => Array.isArray(v) && v.every((x) => !isObject(x) && !Array.isArray(x));

/** Fields that change with every edit: merged without conflict. */
const LATEST_WINS = new Set(['updatedAt']);
const TRASHED = 'deletedAt';

function titleOf(record: Json): string {
  if (!isObject(record)) return '';
  for (const key of ['title', 'name', 'path', 'text', 'id']) if (typeof record[key] === 'string' && record[key]) return String(record[key]).slice(0, 120);
  return '';
}

class Merger {
  readonly conflicts: RawConflict[] = [];

  /** A whole document: known collections become records; anything else is merged as plain values. */
  document(base: Obj | undefined, ours: Obj, theirs: Obj): Obj {
    const oneSided = unchangedSide(base, ours, theirs);
    if (oneSided) return oneSided;
    const result: Obj = {};
    for (const key of unionKeys(ours, theirs, base)) {
      const b = base?.[key];
      const o = ours[key];
      const t = theirs[key];
      let merged: Json;
      if (isKeyedArray(o) && isKeyedArray(t) && (b === undefined || isKeyedArray(b))) merged = this.records(key, b as Obj[] | undefined, o, t);
      else if (isObject(o) && isObject(t) && (b === undefined || isObject(b))) {
        // A single record (a case file's `case`) or a settings object: merged field by field.
        const recordId = typeof o.id === 'string' ? o.id : key;
        merged = this.record(key, recordId, titleOf(o) || key, b as Obj | undefined, o, t);
      } else merged = this.value('document', 'library', 'Library', key, b, o, t);
      if (merged !== undefined) result[key] = merged;
    }
    return result;
  }

  private records(collection: string, base: Obj[] | undefined, ours: Obj[], theirs: Obj[]): Obj[] {
    // Changed on one side only: that side as it is, its order included (re-ordering alone is a change too).
    const oneSided = unchangedSide(base, ours, theirs);
    if (oneSided) return oneSided;
    const byKey = (list: Obj[] | undefined) => new Map((list ?? []).map((r) => [keyOf(r)!, r]));
    const b = byKey(base);
    const o = byKey(ours);
    const t = byKey(theirs);
    // Ours' order, then what only theirs has, in theirs' order.
    const order = [...o.keys(), ...[...t.keys()].filter((k) => !o.has(k))];
    const result: Obj[] = [];
    for (const key of order) {
      const merged = this.keyedRecord(collection, key, b.get(key), o.get(key), t.get(key));
      if (merged) result.push(merged);
    }
    return result;
  }

  private keyedRecord(collection: string, key: string, b: Obj | undefined, o: Obj | undefined, t: Obj | undefined): Obj | undefined {
    if (o && t) return this.record(collection, key, titleOf(o) || titleOf(t), b, o, t);
    const present = o ?? t;
    if (!present) return undefined;
    if (!b) return present; // added on one side
    if (sameData(b, present)) return undefined; // deleted on one side, untouched on the other
    // Edited on one side, deleted on the other: the edited record stays.
    this.conflicts.push({ collection, recordId: key, recordTitle: titleOf(present) || titleOf(b), ours: o, theirs: t });
    return present;
  }

  private record(collection: string, recordId: string, recordTitle: string, b: Obj | undefined, o: Obj, t: Obj): Obj {
    const oneSided = unchangedSide(b, o, t);
    if (oneSided) return oneSided;
    const trashedBy = (side: Obj) => typeof side[TRASHED] === 'string' && typeof b?.[TRASHED] !== 'string';
    const edited = (side: Obj) => !!b && unionKeys(side, b).some((k) => k !== TRASHED && !LATEST_WINS.has(k) && !sameData(side[k], b[k]));
    const oursTrashed = trashedBy(o) && !trashedBy(t) && edited(t);
    const theirsTrashed = trashedBy(t) && !trashedBy(o) && edited(o);
    const result: Obj = {};
    const before = this.conflicts.length;
    for (const key of unionKeys(o, t, b)) {
      if (key === TRASHED && (oursTrashed || theirsTrashed)) continue; // the edited record stays out of the trash
      const bothTrashed = key === TRASHED && typeof o[key] === 'string' && typeof t[key] === 'string';
      const merged = LATEST_WINS.has(key) || bothTrashed ? latest(o[key], t[key]) : this.value(collection, recordId, recordTitle, key, b?.[key], o[key], t[key]);
      if (merged !== undefined) result[key] = merged;
    }
    if (oursTrashed || theirsTrashed) {
      // Field conflicts found above belong to the same edit-versus-delete; one conflict with both whole records says it.
      this.conflicts.length = before;
      this.conflicts.push({ collection, recordId, recordTitle, ours: o, theirs: t });
    }
    return result;
  }

  /** One field: taken from the side that changed it; a conflict when both changed it differently. */
  private value(collection: string, recordId: string, recordTitle: string, field: string, b: Json, o: Json, t: Json): Json {
    if (sameData(o, t)) return o;
    if (sameData(b, o)) return t;
    if (sameData(b, t)) return o;
    if (isPlainArray(o) && isPlainArray(t) && (b === undefined || isPlainArray(b))) return mergeSets((b as Json[] | undefined) ?? [], o, t);
    if (isKeyedArray(o) && isKeyedArray(t) && (b === undefined || isKeyedArray(b))) {
      const before = this.conflicts.length;
      const merged = this.records(collection, b as Obj[] | undefined, o, t);
      if (this.conflicts.length > before) {
        this.conflicts.length = before;
        this.conflicts.push({ collection, recordId, recordTitle, field, ours: o, theirs: t });
      }
      return merged;
    }
    if (isObject(o) && isObject(t) && (b === undefined || isObject(b))) {
      const before = this.conflicts.length;
      const merged: Obj = {};
      for (const key of unionKeys(o, t, b as Obj | undefined)) {
        const v = this.value(collection, recordId, recordTitle, field ? `${field}.${key}` : key, (b as Obj | undefined)?.[key], o[key], t[key]);
        if (v !== undefined) merged[key] = v;
      }
      if (this.conflicts.length > before && field) {
        this.conflicts.length = before;
        this.conflicts.push({ collection, recordId, recordTitle, field, ours: o, theirs: t });
      }
      return merged;
    }
    this.conflicts.push({ collection, recordId, recordTitle, ...(field ? { field } : {}), ours: o, theirs: t });
    return o;
  }
}

/** The side that changed, when only one did (ours when neither did). */
function unchangedSide<T>(base: T | undefined, ours: T, theirs: T): T | undefined {
  if (sameData(ours, theirs)) return ours;
  if (base === undefined) return undefined;
  if (sameData(base, ours)) return theirs;
  if (sameData(base, theirs)) return ours;
  return undefined;
}

function unionKeys(...objects: (Obj | undefined)[]): string[] {
  const keys = new Set<string>();
  for (const o of objects) if (o) for (const k of Object.keys(o)) keys.add(k);
  return [...keys];
}

function latest(a: Json, b: Json): Json {
  if (typeof a !== 'string') return b;
  if (typeof b !== 'string') return a;
  return a >= b ? a : b;
}

/** A set merge that keeps order: ours, then what theirs added; what either side removed is gone. */
function mergeSets(base: Json[], ours: Json[], theirs: Json[]): Json[] {
  const has = (list: Json[], v: Json) => list.some((x) => sameData(x, v));
  const removed = (side: Json[]) => base.filter((v) => !has(side, v));
  const gone = [...removed(ours), ...removed(theirs)];
  const result = ours.filter((v) => !has(gone, v));
  for (const v of theirs) if (!has(result, v) && !has(gone, v)) result.push(v);
  return result;
}

/**
 * Merges one document. A side that is missing (the file deleted there) counts as deleted: if the other
 * side changed it, the changed document stays and one conflict says so.
 */
export function mergeDocument(base: Obj | undefined, ours: Obj | undefined, theirs: Obj | undefined, describe: { collection: string; recordId: string; recordTitle: string }): { merged: Obj | undefined; conflicts: RawConflict[] } {
  if (ours && theirs) {
    const merger = new Merger();
    return { merged: merger.document(base, ours, theirs), conflicts: merger.conflicts };
  }
  const present = ours ?? theirs;
  if (!present) return { merged: undefined, conflicts: [] };
  if (!base) return { merged: present, conflicts: [] };
  if (sameData(base, present)) return { merged: undefined, conflicts: [] };
  return { merged: present, conflicts: [{ ...describe, ours, theirs }] };
}
