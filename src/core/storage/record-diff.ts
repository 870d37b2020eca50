/*
 * Which records of a list differ between two versions of a case, without visiting the ones they share.
 *
 * Stored versions share every record a change did not reach (drafts are copied on write, record by record,
 * and validation keeps the previous object for an equal record), so an unchanged record is the same object
 * at the same place in both lists. One walk side by side comparing identities settles all of those at the
 * cost of a pointer comparison each; only the records left over are matched up by id. A save of one edit in
 * a 5,000-record case used to build maps of every record for each of its readers (validation, the change
 * log's delta, the journal's diff, the search index); this walk replaces them all.
 */

export interface RecordPair<T> {
  id: string;
  /** The record before; undefined when the change added it. */
  before?: T;
  /** The record after; undefined when the change removed it. */
  after?: T;
}

export interface ListDiff<T> {
  /** Every id whose record is not the same object in both versions (content may still be equal). */
  pairs: RecordPair<T>[];
  /**
   * False when the ids that stay are not in the same relative order, or new ones were not appended at the
   * end: the order "what stays, in its place, then what was added" does not describe the new list.
   */
  inPlace: boolean;
}

/**
 * Lists known to be another list with only some positions replaced: made by a draft (copy-on-write.ts) or
 * by validation from the stored list, so the five readers of a change (validation, the change log's delta,
 * the journal's diff, the case's digest, the search index) visit the replaced positions alone instead of
 * walking 5,000 records each. Lists are never changed once stored, so what is noted stays true.
 */
const derivedLists = new WeakMap<readonly unknown[], { base: readonly unknown[]; at: readonly number[] }>();

/**
 * Notes that `now` is `base` (same length) with only the positions `at` possibly replaced; a caller that
 * cannot vouch for that notes nothing, and the readers walk the lists as before.
 */
export function noteDerivedList(now: readonly unknown[], base: readonly unknown[], at: readonly number[]): void {
  if (now !== base && now.length === base.length) derivedLists.set(now, { base, at });
}

/** The positions where `now` may differ from `old`, when it was noted as derived from it; else undefined. */
export function replacedPositions(old: readonly unknown[], now: readonly unknown[]): readonly number[] | undefined {
  const derived = derivedLists.get(now);
  return derived && derived.base === old && now.length === old.length ? derived.at : undefined;
}

const positionMaps = new WeakMap<readonly unknown[], ReadonlyMap<string, number>>();

/**
 * Where each id sits in a stored list (stored lists are never changed). A list noted as derived from another
 * whose replaced positions kept their ids shares that list's map, so finding a record by id in a 5,000-record
 * case costs a walk once, not once per save. Never for a draft's list, which changes.
 */
export function positionsById(list: readonly { id: string }[]): ReadonlyMap<string, number> {
  let map = positionMaps.get(list);
  if (map) return map;
  const derived = derivedLists.get(list);
  const baseMap = derived && derived.base.length === list.length ? positionMaps.get(derived.base) : undefined;
  if (baseMap && derived!.at.every((i) => (derived!.base[i] as { id: string } | undefined)?.id === list[i]?.id)) map = baseMap;
  if (!map) {
    const built = new Map<string, number>();
    list.forEach((r, i) => {
      if (!built.has(r?.id)) built.set(r?.id, i);
    });
    map = built;
  }
  positionMaps.set(list, map);
  return map;
}

/** The fast answer for a list noted as derived from `old`: undefined when a replaced record changed its id. */
function derivedDiff<T extends { id: string }>(old: readonly T[], now: readonly T[], at: readonly number[]): ListDiff<T> | undefined {
  const pairs: RecordPair<T>[] = [];
  for (const i of at) {
    if (old[i] === now[i]) continue;
    if (old[i]?.id !== now[i]?.id) return undefined;
    pairs.push({ id: now[i]?.id, before: old[i], after: now[i] });
  }
  return { pairs, inPlace: true };
}

/** The records two versions of a list do not share, paired by id. Ids are unique within a list. */
export function diffRecordLists<T extends { id: string }>(old: readonly T[] = [], now: readonly T[] = []): ListDiff<T> {
  if (old === now) return { pairs: [], inPlace: true };
  const at = replacedPositions(old, now);
  const fast = at && derivedDiff(old, now, at);
  if (fast) return fast;
  const shared = Math.min(old.length, now.length);
  const oldRest: T[] = [];
  const nowRest: T[] = [];
  let sameIdsInPlace = true;
  for (let i = 0; i < shared; i++) {
    const a = old[i];
    const b = now[i];
    if (a === b) continue;
    oldRest.push(a);
    nowRest.push(b);
    if (a?.id !== b?.id) sameIdsInPlace = false;
  }
  for (let i = shared; i < old.length; i++) oldRest.push(old[i]);
  for (let i = shared; i < now.length; i++) nowRest.push(now[i]);
  const byId = new Map<string, RecordPair<T>>();
  for (const r of oldRest) byId.set(r?.id, { id: r?.id, before: r });
  for (const r of nowRest) {
    const pair = byId.get(r?.id);
    if (pair) pair.after = r;
    else byId.set(r?.id, { id: r?.id, after: r });
  }
  // Fast answers for the usual shapes: edits in place, records appended, records removed from the end.
  let inPlace = sameIdsInPlace;
  if (inPlace && now.length > old.length) inPlace = now.slice(shared).every((r) => byId.get(r?.id)?.before === undefined);
  if (!sameIdsInPlace) inPlace = keepsOrder(old, now);
  return { pairs: [...byId.values()], inPlace };
}

/** The slow check, for lists whose records moved: do the ids that stay keep their order, with new ids after them? */
function keepsOrder<T extends { id: string }>(old: readonly T[], now: readonly T[]): boolean {
  const was = new Set(old.map((r) => r?.id));
  const stays = new Set(now.map((r) => r?.id));
  const expected = old.map((r) => r?.id).filter((id) => stays.has(id));
  for (const r of now) if (!was.has(r?.id)) expected.push(r?.id);
  return expected.length === now.length && expected.every((id, i) => id === now[i]?.id);
}
